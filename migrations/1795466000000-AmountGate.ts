import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The amount gate (issue 15): public holders carry their kind, and a subscription belongs
 * to the signed decision it executes — a signed correction gets its own, with its own
 * executory date, while the earlier one stays on record.
 */
export class AmountGate1795466000000 implements MigrationInterface {
  name = 'AmountGate1795466000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Holders recorded before kinds existed count in the public cap: a collectivité
    // territoriale is the conservative reading (never understate public capital).
    await queryRunner.query(`UPDATE "ess_practices_analysis"
        SET "public_holders" = (SELECT jsonb_agg(CASE WHEN h ? 'kind' THEN h ELSE h || '{"kind":"TERRITORIAL_AUTHORITY"}'::jsonb END)
                                  FROM jsonb_array_elements("public_holders") AS h)
      WHERE jsonb_array_length("public_holders") > 0`);
    await queryRunner.query(`ALTER TABLE "participation_payment" DROP CONSTRAINT "FK_participation_payment_participation"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_decision"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_dossier"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "PK_c139b283a5b526724305b2be206"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "REL_f7670cf6ac083fba937f99e846"`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "PK_f7670cf6ac083fba937f99e846c" PRIMARY KEY ("decision_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_participation_dossier" ON "participation"  ("dossier_id") `);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participation_payment" ADD CONSTRAINT "FK_participation_payment_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participation_payment" DROP CONSTRAINT "FK_participation_payment_dossier"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_dossier"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "FK_participation_decision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_participation_dossier"`);
    await queryRunner.query(`ALTER TABLE "participation" DROP CONSTRAINT "PK_f7670cf6ac083fba937f99e846c"`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "REL_f7670cf6ac083fba937f99e846" UNIQUE ("decision_id")`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "PK_c139b283a5b526724305b2be206" PRIMARY KEY ("dossier_id")`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participation" ADD CONSTRAINT "FK_participation_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participation_payment" ADD CONSTRAINT "FK_participation_payment_participation" FOREIGN KEY ("dossier_id") REFERENCES "participation"("dossier_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }
}
