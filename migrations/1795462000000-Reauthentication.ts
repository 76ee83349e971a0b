import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Issue 16: signing and token creation ask for a recent password authentication, so a
 * session records when its password was last checked; every API token has an expiry.
 * Tokens created without one expire 90 days after their creation (the default lifetime
 * of a new token): one older than that is ended by this migration, as it would have been
 * had the rule always applied.
 */
export class Reauthentication1795462000000 implements MigrationInterface {
  name = 'Reauthentication1795462000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_credential" ADD "authenticated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "auth_credential" SET "expires_at" = "created_at" + interval '90 days' WHERE "kind" = 'token' AND "expires_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_credential" ADD CONSTRAINT "CHK_auth_credential_token_expires" CHECK ("kind" <> 'token' OR "expires_at" IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_credential" DROP CONSTRAINT "CHK_auth_credential_token_expires"`);
    await queryRunner.query(`ALTER TABLE "auth_credential" DROP COLUMN "authenticated_at"`);
  }
}
