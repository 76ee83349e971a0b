import { MigrationInterface, QueryRunner } from "typeorm";

/* The administration journal (issue 16): one global hash chain, append-only like the dossiers' journal. */

export class AdminJournal1795460000000 implements MigrationInterface {
    name = 'AdminJournal1795460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "admin_journal_entry" ("seq" bigint NOT NULL, "type" character varying(64) NOT NULL, "actor_id" character varying(100) NOT NULL, "actor_role" character varying(32) NOT NULL, "actor_credential" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "subject_kind" character varying(40) NOT NULL, "subject_id" character varying(100) NOT NULL, "before" jsonb, "after" jsonb, "reason" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_admin_journal_entry" PRIMARY KEY ("seq"))`);
        // Append-only, as the dossiers' journal: the database itself refuses to change it.
        await queryRunner.query(`CREATE FUNCTION admin_journal_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_journal_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_admin_journal_entry_no_update_delete" BEFORE UPDATE OR DELETE ON "admin_journal_entry" FOR EACH ROW EXECUTE FUNCTION admin_journal_entry_append_only()`);
        await queryRunner.query(`CREATE TRIGGER "TRG_admin_journal_entry_no_truncate" BEFORE TRUNCATE ON "admin_journal_entry" FOR EACH STATEMENT EXECUTE FUNCTION admin_journal_entry_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_admin_journal_entry_no_truncate" ON "admin_journal_entry"`);
        await queryRunner.query(`DROP TRIGGER "TRG_admin_journal_entry_no_update_delete" ON "admin_journal_entry"`);
        await queryRunner.query(`DROP FUNCTION admin_journal_entry_append_only()`);
        await queryRunner.query(`DROP TABLE "admin_journal_entry"`);
    }

}
