import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment names the signed decision — and so the subscription — it was made under:
 * after a signed correction the record shows what was paid under the original and what
 * under the correction. Payments are insert-only; the backfill is the one write allowed.
 */
export class PaymentDecision1795466100000 implements MigrationInterface {
  name = 'PaymentDecision1795466100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participation_payment" ADD "decision_id" uuid`);
    await queryRunner.query(`ALTER TABLE "participation_payment" DISABLE TRIGGER "TRG_participation_payment_insert_only"`);
    // Before this migration a dossier had one subscription: its payments were made under it.
    await queryRunner.query(`UPDATE "participation_payment" p SET "decision_id" =
        (SELECT s."decision_id" FROM "participation" s WHERE s."dossier_id" = p."dossier_id" ORDER BY s."decided_on" LIMIT 1)`);
    await queryRunner.query(`ALTER TABLE "participation_payment" ENABLE TRIGGER "TRG_participation_payment_insert_only"`);
    await queryRunner.query(`ALTER TABLE "participation_payment" ALTER COLUMN "decision_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "participation_payment" ADD CONSTRAINT "FK_participation_payment_participation" FOREIGN KEY ("decision_id") REFERENCES "participation"("decision_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participation_payment" DROP CONSTRAINT "FK_participation_payment_participation"`);
    await queryRunner.query(`ALTER TABLE "participation_payment" DROP COLUMN "decision_id"`);
  }
}
