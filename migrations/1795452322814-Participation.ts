import { MigrationInterface, QueryRunner } from "typeorm";

export class Participation1795452322814 implements MigrationInterface {
    name = 'Participation1795452322814'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "participation" ("dossier_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "subscribed_shares" integer NOT NULL, "subscribed_amount_cents" bigint NOT NULL, "decided_on" date NOT NULL, "subscription_signed_on" date, "executory_on" date, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "REL_f7670cf6ac083fba937f99e846" UNIQUE ("decision_id"), CONSTRAINT "CHK_participation_subscribed" CHECK ("subscribed_amount_cents" > 0 AND "subscribed_shares" > 0), CONSTRAINT "PK_c139b283a5b526724305b2be206" PRIMARY KEY ("dossier_id"))`);
        await queryRunner.query(`CREATE TABLE "participation_payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "paid_on" date NOT NULL, "reference" character varying(80) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(100) NOT NULL, CONSTRAINT "CHK_participation_payment_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_80966862b9828d6670f800c91f5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_participation_payment_reference" ON "participation_payment"  ("dossier_id", "reference") `);
        await queryRunner.query(`CREATE INDEX "IDX_participation_payment_dossier" ON "participation_payment"  ("dossier_id") `);
        await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "participation_payment" ADD CONSTRAINT "FK_participation_payment_participation" FOREIGN KEY ("dossier_id") REFERENCES "participation"("dossier_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // A recorded payment is accounting history: corrected by a new entry, never rewritten.
        await queryRunner.query(`CREATE FUNCTION participation_payment_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'participation_payment is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_participation_payment_insert_only" BEFORE UPDATE OR DELETE ON "participation_payment" FOR EACH ROW EXECUTE FUNCTION participation_payment_insert_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_participation_payment_insert_only" ON "participation_payment"`);
        await queryRunner.query(`DROP FUNCTION participation_payment_insert_only()`);
        await queryRunner.query(`ALTER TABLE "participation_payment" DROP CONSTRAINT "FK_participation_payment_participation"`);
        await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_decision"`);
        await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_participation_payment_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_participation_payment_reference"`);
        await queryRunner.query(`DROP TABLE "participation_payment"`);
        await queryRunner.query(`DROP TABLE "participation"`);
    }

}
