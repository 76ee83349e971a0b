import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models (issue 17): views over several modules' tables for the reporting
 * joins (the dossiers listing, its export, the note de synthèse), so that those modules
 * name no other module's table. Plain views: PostgreSQL inlines them into each query,
 * so the filters still reach the tables' indexes, and the left joins a query does not
 * use are removed (each is on a primary key). Described in src/read-models/.
 */
export class ReadModels1795467000000 implements MigrationInterface {
  name = 'ReadModels1795467000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIEW "rm_dossier_listing" AS
      SELECT d.id, d.reference, d.scic_id, s.siren, s.name, s.legal_form, s.commune,
             d.requested_amount_cents, d.nominal_share_value_cents, d.state, d.version,
             d.contact_email, d.created_by, d.created_at, d.updated_at,
             dl.due_date, aa.orientation_codes
        FROM dossier d
        JOIN scic s ON s.id = d.scic_id
        LEFT JOIN dossier_deadline dl ON dl.dossier_id = d.id
        LEFT JOIN activity_analysis aa ON aa.dossier_id = d.id`);
    await queryRunner.query(`CREATE VIEW "rm_dossier_export" AS
      SELECT d.id, d.reference, s.name, s.siren, s.legal_form, s.commune, d.state, d.requested_amount_cents,
             d.created_at, dl.due_date, x.amount_cents AS decided_amount_cents, x.deliberation_number
        FROM dossier d
        JOIN scic s ON s.id = d.scic_id
        LEFT JOIN dossier_deadline dl ON dl.dossier_id = d.id
        LEFT JOIN LATERAL (SELECT amount_cents, deliberation_number FROM decision
                            WHERE dossier_id = d.id ORDER BY recorded_at DESC LIMIT 1) x ON TRUE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "rm_dossier_export"`);
    await queryRunner.query(`DROP VIEW "rm_dossier_listing"`);
  }
}
