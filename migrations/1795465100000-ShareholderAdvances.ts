import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Shareholder current-account advances (DOMAIN rule 11, issue 15): one row per advance,
 * insert-only except for its closing, written once. At most one open advance per SCIC
 * (partial unique index), each advance renewed at most once (unique renewal_of), and a
 * renewal never renews a renewal (trigger).
 */
export class ShareholderAdvances1795465100000 implements MigrationInterface {
    name = 'ShareholderAdvances1795465100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "shareholder_advance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scic_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "convention_reference" character varying(120) NOT NULL, "convention_date" date NOT NULL, "amount_cents" bigint NOT NULL, "starts_on" date NOT NULL, "term_months" integer NOT NULL, "ends_on" date NOT NULL, "renewal_of" uuid, "recorded_by" character varying(100) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_on" date, "closing_reason" character varying(16), "closed_by" character varying(100), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_shareholder_advance_closed" CHECK (("closed_on" IS NULL AND "closed_by" IS NULL AND "closed_at" IS NULL AND "closing_reason" IS NULL) OR ("closed_on" IS NOT NULL AND "closed_by" IS NOT NULL AND "closed_at" IS NOT NULL AND "closing_reason" IN ('REPAID', 'RENEWED') AND "closed_on" >= "starts_on")), CONSTRAINT "CHK_shareholder_advance_convention" CHECK (btrim("convention_reference") <> ''), CONSTRAINT "CHK_shareholder_advance_term" CHECK ("term_months" BETWEEN 1 AND 24), CONSTRAINT "CHK_shareholder_advance_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_shareholder_advance" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_shareholder_advance_dossier" ON "shareholder_advance" ("dossier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_shareholder_advance_renewal_of" ON "shareholder_advance" ("renewal_of") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_shareholder_advance_open" ON "shareholder_advance" ("scic_id") WHERE "closed_on" IS NULL`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" ADD CONSTRAINT "FK_shareholder_advance_scic" FOREIGN KEY ("scic_id") REFERENCES "scic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" ADD CONSTRAINT "FK_shareholder_advance_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" ADD CONSTRAINT "FK_shareholder_advance_renewal_of" FOREIGN KEY ("renewal_of") REFERENCES "shareholder_advance"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // History: only the closing is ever written after the insert, once; a renewal renews an original of the same SCIC.
        await queryRunner.query(`CREATE FUNCTION shareholder_advance_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  renewed shareholder_advance%ROWTYPE;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.renewal_of IS NOT NULL THEN
      SELECT * INTO renewed FROM shareholder_advance WHERE id = NEW.renewal_of;
      IF renewed.renewal_of IS NOT NULL OR renewed.scic_id <> NEW.scic_id THEN
        RAISE EXCEPTION 'shareholder_advance: a renewal renews an original advance of the same SCIC' USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.closed_on IS NULL AND NEW.closed_on IS NOT NULL
     AND (to_jsonb(NEW) - ARRAY['closed_on', 'closing_reason', 'closed_by', 'closed_at'])
       = (to_jsonb(OLD) - ARRAY['closed_on', 'closing_reason', 'closed_by', 'closed_at']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'shareholder_advance is insert-only (closing written once): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_shareholder_advance_history" BEFORE INSERT OR UPDATE OR DELETE ON "shareholder_advance" FOR EACH ROW EXECUTE FUNCTION shareholder_advance_history()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_shareholder_advance_history" ON "shareholder_advance"`);
        await queryRunner.query(`DROP FUNCTION shareholder_advance_history()`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" DROP CONSTRAINT "FK_shareholder_advance_renewal_of"`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" DROP CONSTRAINT "FK_shareholder_advance_dossier"`);
        await queryRunner.query(`ALTER TABLE "shareholder_advance" DROP CONSTRAINT "FK_shareholder_advance_scic"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_shareholder_advance_open"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_shareholder_advance_renewal_of"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_shareholder_advance_dossier"`);
        await queryRunner.query(`DROP TABLE "shareholder_advance"`);
    }

}
