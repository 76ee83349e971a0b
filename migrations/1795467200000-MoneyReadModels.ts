import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two read models of the money modules (issue 17), so that they no longer name the
 * dossiers', decisions' and committee's tables in their own SQL (src/read-models/):
 * - `rm_stake`: one row per signed approval still in force (no signed correction replaced
 *   it), with its dossier, SCIC, payments, subscription and step 2's capital — the
 *   portfolio of stakes and the checks of participation and advances;
 * - `rm_scic_position`: per dossier, the amounts the SCIC's position counts — the stake in
 *   force, a correction awaiting signature, a decision awaiting signature, the committee's
 *   last proposal — read by the amount gate.
 * The queries are those the modules ran before, unchanged.
 */
export class MoneyReadModels1795467200000 implements MigrationInterface {
  name = 'MoneyReadModels1795467200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIEW "rm_stake" AS
      SELECT x.id, x.state, x.reference, d.id AS decision_id, d.supersedes_id, s.name AS scic_name, s.siren, s.commune,
             d.deliberation_number, d.signed_at, d.shares, d.amount_cents,
             COALESCE((SELECT SUM(p.amount_cents) FROM participation_payment p WHERE p.dossier_id = x.id), 0) AS paid_cents,
             e.current_capital_cents, pa.subscription_signed_on, pa.executory_on
        FROM decision d
        JOIN dossier x ON x.id = d.dossier_id
        JOIN scic s ON s.id = x.scic_id
        LEFT JOIN participation pa ON pa.decision_id = d.id
        LEFT JOIN ess_practices_analysis e ON e.dossier_id = x.id
       WHERE d.outcome = 'APPROVED' AND d.signed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)`);
    await queryRunner.query(`CREATE VIEW "rm_scic_position" AS
      SELECT x.id AS dossier_id, x.scic_id, x.reference, x.state,
             (SELECT d.amount_cents FROM decision d
               WHERE d.dossier_id = x.id AND d.signed_at IS NOT NULL AND d.outcome = 'APPROVED'
                 AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)
               ORDER BY d.signed_at DESC, d.recorded_at DESC LIMIT 1) AS in_force_cents,
             (SELECT d.amount_cents FROM decision d
               WHERE d.dossier_id = x.id AND d.signed_at IS NULL AND d.supersedes_id IS NOT NULL
                 AND d.outcome = 'APPROVED'
               ORDER BY d.recorded_at DESC LIMIT 1) AS correction_cents,
             (SELECT CASE WHEN d.signed_at IS NULL AND d.outcome = 'APPROVED' THEN d.amount_cents END FROM decision d
               WHERE d.dossier_id = x.id AND d.supersedes_id IS NULL
               ORDER BY d.recorded_at DESC LIMIT 1) AS decided_cents,
             (SELECT o.proposed_amount_cents FROM committee_opinion o
               WHERE o.dossier_id = x.id ORDER BY o.recorded_at DESC LIMIT 1) AS proposed_cents
        FROM dossier x`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "rm_scic_position"`);
    await queryRunner.query(`DROP VIEW "rm_stake"`);
  }
}
