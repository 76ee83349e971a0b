import { MigrationInterface, QueryRunner } from "typeorm";

/* The budget envelopes of DOMAIN rule 5, one per year; what remains is derived from the journal. */

export class BudgetEnvelopes1795442507550 implements MigrationInterface {
    name = 'BudgetEnvelopes1795442507550'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "budget_envelope" ("year" integer NOT NULL, "amount_cents" bigint NOT NULL, "programme_reference" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_budget_envelope_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_9d04705214565d5c5e6a75deb7e" PRIMARY KEY ("year"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "budget_envelope"`);
    }

}
