import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795423757637 implements MigrationInterface {
    name = 'InitialSchema1795423757637'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dossier_reference_counter" ("year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_d5a3dc1a54bc2eff8ce18dedb36" PRIMARY KEY ("year"))`);
        await queryRunner.query(`CREATE TABLE "scic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "siren" character varying(9) NOT NULL, "name" character varying(200) NOT NULL, "legal_form" character varying(4) NOT NULL, "commune" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_scic_siren" CHECK ("siren" ~ '^[0-9]{9}$'), CONSTRAINT "CHK_scic_legal_form" CHECK ("legal_form" IN ('SA', 'SAS', 'SARL')), CONSTRAINT "PK_1ab72759ea4edf91d51f07de1d8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_scic_siren" ON "scic"  ("siren") `);
        await queryRunner.query(`CREATE TABLE "dossier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "scic_id" uuid NOT NULL, "requested_amount_cents" bigint NOT NULL, "nominal_share_value_cents" bigint NOT NULL, "state" character varying(64) NOT NULL, "machine_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_dossier_version" CHECK ("version" >= 1), CONSTRAINT "CHK_dossier_nominal_share_value" CHECK ("nominal_share_value_cents" > 0), CONSTRAINT "CHK_dossier_requested_amount" CHECK ("requested_amount_cents" > 0), CONSTRAINT "PK_62a60ad7157c2922b57c3319364" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dossier_reference" ON "dossier"  ("reference") `);
        await queryRunner.query(`CREATE INDEX "IDX_dossier_state" ON "dossier"  ("state") `);
        await queryRunner.query(`CREATE INDEX "IDX_dossier_created_at" ON "dossier"  ("created_at") `);
        await queryRunner.query(`CREATE TABLE "journal_entry" ("id" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(64) NOT NULL, "actor_id" character varying(100) NOT NULL, "actor_role" character varying(32) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_69167f660c807d2aa178f0bd7e6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_journal_entry_dossier_seq" ON "journal_entry"  ("dossier_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "idempotency_record" ("dossier_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40d78502267acb67ec6d299522d" PRIMARY KEY ("dossier_id", "key"))`);
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "topic" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_message_pending" ON "outbox_message"  ("status", "available_at") `);
        await queryRunner.query(`ALTER TABLE "dossier" ADD CONSTRAINT "FK_dossier_scic" FOREIGN KEY ("scic_id") REFERENCES "scic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Hand-written below: what TypeORM does not model.
        // French full-text search on SCIC names (DESIGN §2: to_tsvector('french', …) on both databases).
        await queryRunner.query(`CREATE INDEX "IDX_scic_name_fts" ON "scic" USING gin (to_tsvector('french', "name"))`);
        // The journal is append-only (DESIGN §6): the database itself refuses to change it.
        await queryRunner.query(`CREATE FUNCTION journal_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_journal_entry_no_update_delete" BEFORE UPDATE OR DELETE ON "journal_entry" FOR EACH ROW EXECUTE FUNCTION journal_entry_append_only()`);
        await queryRunner.query(`CREATE TRIGGER "TRG_journal_entry_no_truncate" BEFORE TRUNCATE ON "journal_entry" FOR EACH STATEMENT EXECUTE FUNCTION journal_entry_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_journal_entry_no_truncate" ON "journal_entry"`);
        await queryRunner.query(`DROP TRIGGER "TRG_journal_entry_no_update_delete" ON "journal_entry"`);
        await queryRunner.query(`DROP FUNCTION journal_entry_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."IDX_scic_name_fts"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP CONSTRAINT "FK_dossier_scic"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_outbox_message_pending"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
        await queryRunner.query(`DROP TABLE "idempotency_record"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_journal_entry_dossier_seq"`);
        await queryRunner.query(`DROP TABLE "journal_entry"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dossier_created_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dossier_state"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_dossier_reference"`);
        await queryRunner.query(`DROP TABLE "dossier"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_scic_siren"`);
        await queryRunner.query(`DROP TABLE "scic"`);
        await queryRunner.query(`DROP TABLE "dossier_reference_counter"`);
    }

}
