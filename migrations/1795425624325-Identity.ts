import { MigrationInterface, QueryRunner } from "typeorm";

export class Identity1795425624325 implements MigrationInterface {
    name = 'Identity1795425624325'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "auth_credential" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "secret_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "name" character varying(100), "csrf_hash" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_bdeeb7124bad15bb6736ea130be" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_auth_credential_secret" ON "auth_credential"  ("secret_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_auth_credential_user" ON "auth_credential"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "login_failure" ("id" BIGSERIAL NOT NULL, "email" character varying(254) NOT NULL, "ip" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5df78140d5d3f4afc249d879cdf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_login_failure_ip_at" ON "login_failure"  ("ip", "at") `);
        await queryRunner.query(`CREATE INDEX "IDX_login_failure_email_at" ON "login_failure"  ("email", "at") `);
        await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "password_hash" character varying(255) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_app_user_email" ON "app_user"  ("email") `);
        await queryRunner.query(`CREATE TABLE "user_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "seat_category" character varying(32), "departmental_service" character varying(120), "signing_delegation" boolean NOT NULL DEFAULT false, "delegation_reference" character varying(120), CONSTRAINT "CHK_user_role_seat" CHECK (("role" = 'committee_member') = ("seat_category" IS NOT NULL) AND ("seat_category" = 'DEPARTMENTAL_SERVICE') = ("departmental_service" IS NOT NULL)), CONSTRAINT "CHK_user_role_role" CHECK ("role" IN ('instructor', 'committee_member', 'committee_secretary', 'elected_official', 'admin', 'viewer')), CONSTRAINT "PK_fb2e442d14add3cefbdf33c4561" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_role_user_role" ON "user_role"  ("user_id", "role") `);
        await queryRunner.query(`ALTER TABLE "journal_entry" ADD "actor_credential" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "user_role" ADD CONSTRAINT "FK_user_role_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "FK_user_role_user"`);
        await queryRunner.query(`ALTER TABLE "journal_entry" DROP COLUMN "actor_credential"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_user_role_user_role"`);
        await queryRunner.query(`DROP TABLE "user_role"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_app_user_email"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_login_failure_email_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_login_failure_ip_at"`);
        await queryRunner.query(`DROP TABLE "login_failure"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_auth_credential_user"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_auth_credential_secret"`);
        await queryRunner.query(`DROP TABLE "auth_credential"`);
    }

}
