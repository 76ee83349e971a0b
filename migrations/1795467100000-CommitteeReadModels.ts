import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee's read models (src/read-models/): the dossiers as agendas, convocations
 * and minutes list them; the accounts as the committee's listings name and order them
 * (by display name, in the database's collation, as before); and what relied on a
 * declared interest (the committee's opinions and the élus' decisions, per SCIC). The
 * committee reads them instead of naming the dossier, identity and decision tables.
 */
export class CommitteeReadModels1795467100000 implements MigrationInterface {
  name = 'CommitteeReadModels1795467100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIEW "rm_agenda_dossier" AS
      SELECT d."id", d."reference", d."state", d."requested_amount_cents", d."nominal_share_value_cents", d."scic_id",
             sc."siren", sc."name", sc."legal_form", sc."commune"
        FROM "dossier" d JOIN "scic" sc ON sc."id" = d."scic_id"`);
    await queryRunner.query(`CREATE VIEW "rm_committee_account" AS
      SELECT u."id", u."display_name", u."email", u."active",
             EXISTS (SELECT 1 FROM "user_role" r WHERE r."user_id" = u."id" AND r."role" = 'committee_member') AS "holds_role"
        FROM "app_user" u`);
    await queryRunner.query(`CREATE VIEW "rm_interest_reliance" AS
      SELECT 'opinion'::text AS "kind", d."scic_id", d."reference", o."recorded_at", o."composition" -> 'recused' AS "recused"
        FROM "committee_opinion" o JOIN "dossier" d ON d."id" = o."dossier_id"
      UNION ALL
      SELECT 'decision'::text, d."scic_id", d."reference", x."recorded_at", x."recused_elected_officials"
        FROM "decision" x JOIN "dossier" d ON d."id" = x."dossier_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "rm_interest_reliance"`);
    await queryRunner.query(`DROP VIEW "rm_committee_account"`);
    await queryRunner.query(`DROP VIEW "rm_agenda_dossier"`);
  }
}
