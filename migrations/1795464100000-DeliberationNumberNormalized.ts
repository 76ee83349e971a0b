import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Délibération numbers unique on a normalised form (src/common/deliberation-number.ts):
 * NFKC, dash variants unified, case folded, trimmed. The column is backfilled here with a
 * frozen copy of that function (a migration does not follow later code), invisible and
 * control characters of old numbers dropped. Two existing numbers that meet once
 * normalised cannot both hold the form: the later one gets `#<its id>` appended (and a
 * warning) so that the migration does not stop an installation; its printed number is
 * untouched.
 *
 * The decisions' immutability trigger is disabled for the backfill only (signed decisions
 * are immutable, this column is derived from one they already hold), and replaced by one
 * that also lets an UNSIGNED decision's list of élus who withdrew grow: an élu who
 * declares an interest in the SCIC after the decision is recorded is added to it before
 * the signature (DOMAIN rule 8). Nothing else of an unsigned decision may change.
 */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

function normalise(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(DASHES, '-')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .trim();
}

const TRIGGER_BEFORE = `CREATE OR REPLACE FUNCTION decision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
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
END $$`;

const TRIGGER_AFTER = `CREATE OR REPLACE FUNCTION decision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'decisions are never deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.signed_at IS NOT NULL THEN
    RAISE EXCEPTION 'decision % is signed and immutable', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['signed_at', 'signed_by', 'signatory_name', 'document_sha256', 'recused_elected_officials'])
     IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['signed_at', 'signed_by', 'signatory_name', 'document_sha256', 'recused_elected_officials']) THEN
    RAISE EXCEPTION 'decision %: only its signature may be added', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT (NEW.recused_elected_officials @> OLD.recused_elected_officials) THEN
    RAISE EXCEPTION 'decision %: élus who withdrew may be added, never removed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$`;

export class DeliberationNumberNormalized1795464100000 implements MigrationInterface {
  name = 'DeliberationNumberNormalized1795464100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" ADD "deliberation_number_normalized" text`);
    const rows: { id: string; deliberation_number: string }[] = await queryRunner.query(
      `SELECT id, deliberation_number FROM "decision" ORDER BY recorded_at, id`,
    );
    const seen = new Set<string>();
    await queryRunner.query(`ALTER TABLE "decision" DISABLE TRIGGER "TRG_decision_immutable"`);
    for (const row of rows) {
      let normalised = normalise(row.deliberation_number);
      if (seen.has(normalised)) {
        console.warn(
          `Délibération n° ${row.deliberation_number} (décision ${row.id}) : même numéro normalisé qu’une décision antérieure, à vérifier.`,
        );
        normalised = `${normalised}#${row.id}`;
      }
      seen.add(normalised);
      await queryRunner.query(`UPDATE "decision" SET "deliberation_number_normalized" = $2 WHERE id = $1`, [
        row.id,
        normalised,
      ]);
    }
    await queryRunner.query(`ALTER TABLE "decision" ENABLE TRIGGER "TRG_decision_immutable"`);
    await queryRunner.query(`ALTER TABLE "decision" ALTER COLUMN "deliberation_number_normalized" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."UQ_decision_deliberation_number"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_decision_deliberation_number_normalized" ON "decision" ("deliberation_number_normalized") `,
    );
    await queryRunner.query(TRIGGER_AFTER);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(TRIGGER_BEFORE);
    await queryRunner.query(`DROP INDEX "public"."UQ_decision_deliberation_number_normalized"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_decision_deliberation_number" ON "decision" ("deliberation_number") `,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "deliberation_number_normalized"`);
  }
}
