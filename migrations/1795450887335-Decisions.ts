import { MigrationInterface, QueryRunner } from "typeorm";

export class Decisions1795450887335 implements MigrationInterface {
    name = 'Decisions1795450887335'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "outcome" character varying(16) NOT NULL, "body" character varying(32) NOT NULL, "delegation_reference" character varying(200), "session_date" date NOT NULL, "deliberation_number" character varying(50) NOT NULL, "amount_cents" bigint, "shares" integer, "justification" text, "recused_elected_officials" jsonb NOT NULL DEFAULT '[]', "proposal" jsonb, "envelope_year" integer NOT NULL, "programme_reference" character varying(120), "supersedes_id" uuid, "correction_reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(100) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by" character varying(100), "signatory_name" character varying(200), "document_sha256" character(64), CONSTRAINT "CHK_decision_signed" CHECK (("signed_at" IS NULL) = ("document_sha256" IS NULL)), CONSTRAINT "CHK_decision_amount" CHECK (("outcome" = 'APPROVED') = ("amount_cents" IS NOT NULL AND "shares" IS NOT NULL)), CONSTRAINT "CHK_decision_body" CHECK ("body" IN ('CONSEIL_DEPARTEMENTAL', 'COMMISSION_PERMANENTE')), CONSTRAINT "CHK_decision_outcome" CHECK ("outcome" IN ('APPROVED', 'REJECTED', 'ADJOURNED')), CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_decision_dossier" ON "decision"  ("dossier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_decision_supersedes" ON "decision"  ("supersedes_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_decision_deliberation_number" ON "decision"  ("deliberation_number") `);
        await queryRunner.query(`CREATE TABLE "decision_document" ("decision_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1e8386169cc8c90e6ab13268e6c" PRIMARY KEY ("decision_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_decision_document_sha256" ON "decision_document"  ("sha256") `);
        await queryRunner.query(`CREATE TABLE "signatory_declaration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "user_id" character varying(100) NOT NULL, "has_interest" boolean NOT NULL, "nature" character varying(32), "details" text, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_signatory_declaration_nature" CHECK (("has_interest" = ("nature" IS NOT NULL)) AND ("nature" IS NULL OR "nature" IN ('ASSOCIE', 'OFFICER', 'EMPLOYEE', 'FAMILY_TIE', 'DEPARTEMENT_REPRESENTATIVE', 'OTHER'))), CONSTRAINT "PK_535fe316f4b7bee3e55ec96588b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_signatory_declaration" ON "signatory_declaration"  ("dossier_id", "user_id") `);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_decision_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_decision_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_document" ADD CONSTRAINT "FK_decision_document_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "signatory_declaration" ADD CONSTRAINT "FK_signatory_declaration_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // DOMAIN rule 13, in the database as well as in the API: a decision is never
        // deleted; once signed nothing of it changes; before that, only the signature
        // may be added. The document of a signed decision is insert-only.
        await queryRunner.query(`CREATE FUNCTION decision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'decisions are never deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.signed_at IS NOT NULL THEN
    RAISE EXCEPTION 'decision % is signed and immutable', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['signed_at', 'signed_by', 'signatory_name', 'document_sha256'])
     IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['signed_at', 'signed_by', 'signatory_name', 'document_sha256']) THEN
    RAISE EXCEPTION 'decision %: only its signature may be added', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_decision_immutable" BEFORE UPDATE OR DELETE ON "decision" FOR EACH ROW EXECUTE FUNCTION decision_immutable()`);
        await queryRunner.query(`CREATE TRIGGER "TRG_decision_no_truncate" BEFORE TRUNCATE ON "decision" FOR EACH STATEMENT EXECUTE FUNCTION decision_immutable()`);
        await queryRunner.query(`CREATE FUNCTION decision_document_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'decision_document is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_decision_document_insert_only" BEFORE UPDATE OR DELETE ON "decision_document" FOR EACH ROW EXECUTE FUNCTION decision_document_insert_only()`);
        await queryRunner.query(`CREATE TRIGGER "TRG_decision_document_no_truncate" BEFORE TRUNCATE ON "decision_document" FOR EACH STATEMENT EXECUTE FUNCTION decision_document_insert_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_decision_document_no_truncate" ON "decision_document"`);
        await queryRunner.query(`DROP TRIGGER "TRG_decision_document_insert_only" ON "decision_document"`);
        await queryRunner.query(`DROP FUNCTION decision_document_insert_only()`);
        await queryRunner.query(`DROP TRIGGER "TRG_decision_no_truncate" ON "decision"`);
        await queryRunner.query(`DROP TRIGGER "TRG_decision_immutable" ON "decision"`);
        await queryRunner.query(`DROP FUNCTION decision_immutable()`);
        await queryRunner.query(`ALTER TABLE "signatory_declaration" DROP CONSTRAINT "FK_signatory_declaration_dossier"`);
        await queryRunner.query(`ALTER TABLE "decision_document" DROP CONSTRAINT "FK_decision_document_decision"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_decision_supersedes"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_decision_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_signatory_declaration"`);
        await queryRunner.query(`DROP TABLE "signatory_declaration"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_decision_document_sha256"`);
        await queryRunner.query(`DROP TABLE "decision_document"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_decision_deliberation_number"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_decision_supersedes"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_decision_dossier"`);
        await queryRunner.query(`DROP TABLE "decision"`);
    }

}
