import { MigrationInterface, QueryRunner } from "typeorm";

export class JournalCheckpoints1795463000000 implements MigrationInterface {
    name = 'JournalCheckpoints1795463000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "journal_checkpoint" ("seq" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" character varying(16) NOT NULL, "dossier_count" integer NOT NULL, "dossiers_digest" character(64) NOT NULL, "admin_seq" bigint, "admin_hash" character(64), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "public_key" text NOT NULL, "signature" character varying(128) NOT NULL, CONSTRAINT "PK_journal_checkpoint" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`CREATE TABLE "journal_checkpoint_head" ("checkpoint_seq" integer NOT NULL, "dossier_id" uuid NOT NULL, "seq" integer NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_journal_checkpoint_head" PRIMARY KEY ("checkpoint_seq", "dossier_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_journal_checkpoint_head_dossier" ON "journal_checkpoint_head" ("dossier_id", "checkpoint_seq") `);
        // Hand-written: checkpoints are append-only, like the journals they vouch for.
        await queryRunner.query(`CREATE FUNCTION journal_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
        for (const table of ['journal_checkpoint', 'journal_checkpoint_head']) {
            await queryRunner.query(`CREATE TRIGGER "TRG_${table}_no_update_delete" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION journal_checkpoint_append_only()`);
            await queryRunner.query(`CREATE TRIGGER "TRG_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION journal_checkpoint_append_only()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['journal_checkpoint_head', 'journal_checkpoint']) {
            await queryRunner.query(`DROP TRIGGER "TRG_${table}_no_truncate" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "TRG_${table}_no_update_delete" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION journal_checkpoint_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journal_checkpoint_head_dossier"`);
        await queryRunner.query(`DROP TABLE "journal_checkpoint_head"`);
        await queryRunner.query(`DROP TABLE "journal_checkpoint"`);
    }
}
