import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Rule 9 per the text (issue 15): the flat "indivisible reserves ≥ 57,5 %" threshold gives
 * way to the legal reserve (art. 16) and the statutory reserve's share of the remainder
 * (art. 19 nonies). The old threshold is removed rather than kept: no rule reads it any
 * more, and an administrator editing it would believe it had an effect. Step 2 records
 * the legal reserve built up and the highest capital reached, for art. 16's exception.
 */
export class ReservesPerTheText1795465000000 implements MigrationInterface {
    name = 'ReservesPerTheText1795465000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "ess_practices_analysis" ADD "legal_reserve_amount_cents" bigint`);
        await queryRunner.query(`ALTER TABLE "ess_practices_analysis" ADD "highest_capital_cents" bigint`);
        await queryRunner.query(`DELETE FROM "threshold" WHERE "code" = 'INDIVISIBLE_RESERVES_MIN_BP'`);
        await queryRunner.query(`UPDATE "threshold" SET "source" = 'loi 47-1775, art. 16' WHERE "code" = 'LEGAL_RESERVE_MIN_BP'`);
        await queryRunner.query(
            `INSERT INTO "threshold" ("code", "label", "unit", "value", "source") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("code") DO NOTHING`,
            [
                'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP',
                'Part minimale du solde (après réserve légale) affectée à la réserve statutaire impartageable',
                'BASIS_POINTS',
                5000,
                'loi 47-1775, art. 19 nonies',
            ],
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "threshold" WHERE "code" = 'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP'`);
        await queryRunner.query(`UPDATE "threshold" SET "source" = 'L47 art. 19 nonies' WHERE "code" = 'LEGAL_RESERVE_MIN_BP'`);
        await queryRunner.query(
            `INSERT INTO "threshold" ("code", "label", "unit", "value", "source") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("code") DO NOTHING`,
            ['INDIVISIBLE_RESERVES_MIN_BP', 'Part minimale des excédents affectée aux réserves impartageables', 'BASIS_POINTS', 5750, 'L47 art. 19 nonies'],
        );
        await queryRunner.query(`ALTER TABLE "ess_practices_analysis" DROP COLUMN "highest_capital_cents"`);
        await queryRunner.query(`ALTER TABLE "ess_practices_analysis" DROP COLUMN "legal_reserve_amount_cents"`);
    }

}
