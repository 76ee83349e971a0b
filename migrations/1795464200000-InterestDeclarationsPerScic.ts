import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Declarations of interest per SCIC (DOMAIN rule 8): the committee members' (until now
 * per session and dossier) and the élus' (until now per dossier) become keyed by the
 * SCIC and the person, with their history. No row is lost:
 * - each row gets the SCIC of the dossier it was made through (kept, with the session);
 * - per person and SCIC, one row stays in force (`superseded_at IS NULL`): the latest
 *   declared INTEREST if there is any — an interest declared on one dossier was never
 *   withdrawn with a reason, so it stands for the SCIC — else the latest declaration;
 * - the other rows are kept as history, marked superseded at the migration.
 */
const TABLES = [
  { table: 'committee_interest_declaration', oldIndex: 'UQ_committee_interest_declaration', oldColumns: '"session_id", "dossier_id", "user_id"' },
  { table: 'signatory_declaration', oldIndex: 'UQ_signatory_declaration', oldColumns: '"dossier_id", "user_id"' },
] as const;

export class InterestDeclarationsPerScic1795464200000 implements MigrationInterface {
  name = 'InterestDeclarationsPerScic1795464200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, oldIndex } of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "scic_id" uuid`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "withdrawal_reason" text`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "superseded_at" TIMESTAMP WITH TIME ZONE`);
      await queryRunner.query(
        `UPDATE "${table}" x SET "scic_id" = d.scic_id FROM "dossier" d WHERE d.id = x.dossier_id`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "scic_id" SET NOT NULL`);
      await queryRunner.query(`DROP INDEX "public"."${oldIndex}"`);
      await queryRunner.query(
        `UPDATE "${table}" x SET "superseded_at" = now()
           FROM (SELECT id, row_number() OVER (PARTITION BY scic_id, user_id
                                               ORDER BY has_interest DESC, declared_at DESC, id DESC) AS rank
                   FROM "${table}") ranked
          WHERE ranked.id = x.id AND ranked.rank > 1`,
      );
      await queryRunner.query(
        `CREATE UNIQUE INDEX "${oldIndex}_current" ON "${table}" ("scic_id", "user_id") WHERE "superseded_at" IS NULL`,
      );
      await queryRunner.query(`CREATE INDEX "IDX_${table}_dossier" ON "${table}" ("dossier_id") `);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "CHK_${table}_withdrawal" CHECK ("withdrawal_reason" IS NULL OR NOT "has_interest")`,
      );
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_scic" FOREIGN KEY ("scic_id") REFERENCES "scic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  /** Back to the old keying: only possible while no person has two declarations for one old key. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, oldIndex, oldColumns } of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "FK_${table}_scic"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "CHK_${table}_withdrawal"`);
      await queryRunner.query(`DROP INDEX "public"."IDX_${table}_dossier"`);
      await queryRunner.query(`DROP INDEX "public"."${oldIndex}_current"`);
      await queryRunner.query(`CREATE UNIQUE INDEX "${oldIndex}" ON "${table}" (${oldColumns}) `);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "superseded_at"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "withdrawal_reason"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "scic_id"`);
    }
  }
}
