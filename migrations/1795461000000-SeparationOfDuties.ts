import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Issue 16 — separation of duties on accounts:
 * - `admin` never goes with a deciding role (committee_member, committee_secretary,
 *   elected_official). Existing accounts holding both keep `admin` and lose the deciding
 *   roles (the installation keeps its administrators; the person gets a separate account
 *   for deciding, created by another administrator). A trigger holds the rule afterwards.
 * - A signing delegation becomes a recorded act (`signing_delegation`), in force once a
 *   second administrator confirms it. The former `user_role.signing_delegation = true`
 *   rows of élus become delegations in force, recorded and confirmed by the markers
 *   `system:migration` / `system:migration-confirmed` (the arrêté's date is not known: the
 *   migration's day stands for it, and the reference is kept, or named as taken over).
 *   Every reader moved to the new table, so the old columns go.
 * - `app_user.must_change_password`: a password set by an administrator is one-time.
 */
export class SeparationOfDuties1795461000000 implements MigrationInterface {
    name = 'SeparationOfDuties1795461000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "app_user" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE TABLE "signing_delegation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "arrete_reference" character varying(120) NOT NULL, "arrete_date" date NOT NULL, "scope" character varying(32) NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "created_by" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_by" character varying(100), "confirmed_at" TIMESTAMP WITH TIME ZONE, "revoked_by" character varying(100), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "CHK_signing_delegation_revoked" CHECK (("revoked_at" IS NULL) = ("revoked_by" IS NULL) AND ("revoked_at" IS NULL) = ("revoked_reason" IS NULL)), CONSTRAINT "CHK_signing_delegation_confirmed" CHECK (("confirmed_by" IS NULL) = ("confirmed_at" IS NULL) AND ("confirmed_by" IS NULL OR "confirmed_by" <> "created_by")), CONSTRAINT "CHK_signing_delegation_period" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on"), CONSTRAINT "CHK_signing_delegation_scope" CHECK ("scope" IN ('ALL', 'COMMISSION_PERMANENTE', 'CONSEIL_DEPARTEMENTAL')), CONSTRAINT "PK_signing_delegation" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_signing_delegation_user" ON "signing_delegation" ("user_id") `);
        await queryRunner.query(`ALTER TABLE "signing_delegation" ADD CONSTRAINT "FK_signing_delegation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // First the mixed accounts lose their deciding roles, so that no administrator keeps a delegation.
        await queryRunner.query(`DELETE FROM "user_role" r
            WHERE r."role" IN ('committee_member', 'committee_secretary', 'elected_official')
              AND EXISTS (SELECT 1 FROM "user_role" a WHERE a."user_id" = r."user_id" AND a."role" = 'admin')`);
        await queryRunner.query(`INSERT INTO "signing_delegation" ("user_id", "arrete_reference", "arrete_date", "scope", "starts_on", "created_by", "created_at", "confirmed_by", "confirmed_at")
            SELECT r."user_id", COALESCE(NULLIF(btrim(r."delegation_reference"), ''), 'Délégation antérieure reprise'), CURRENT_DATE, 'ALL', CURRENT_DATE,
                   'system:migration', now(), 'system:migration-confirmed', now()
              FROM "user_role" r WHERE r."role" = 'elected_official' AND r."signing_delegation"`);
        await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "signing_delegation"`);
        await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "delegation_reference"`);
        await queryRunner.query(`CREATE FUNCTION user_role_separation_of_duties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "user_role" o WHERE o."user_id" = NEW."user_id" AND o."id" <> NEW."id"
              AND ((NEW."role" = 'admin' AND o."role" IN ('committee_member', 'committee_secretary', 'elected_official'))
                OR (o."role" = 'admin' AND NEW."role" IN ('committee_member', 'committee_secretary', 'elected_official')))) THEN
    RAISE EXCEPTION 'separation of duties: admin and a deciding role on one account' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$`);
        await queryRunner.query(`CREATE TRIGGER "TRG_user_role_separation_of_duties" BEFORE INSERT OR UPDATE ON "user_role" FOR EACH ROW EXECUTE FUNCTION user_role_separation_of_duties()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "TRG_user_role_separation_of_duties" ON "user_role"`);
        await queryRunner.query(`DROP FUNCTION user_role_separation_of_duties()`);
        await queryRunner.query(`ALTER TABLE "user_role" ADD "delegation_reference" character varying(120)`);
        await queryRunner.query(`ALTER TABLE "user_role" ADD "signing_delegation" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`UPDATE "user_role" r SET "signing_delegation" = true, "delegation_reference" = d."arrete_reference"
            FROM "signing_delegation" d
           WHERE d."user_id" = r."user_id" AND r."role" = 'elected_official' AND d."confirmed_at" IS NOT NULL AND d."revoked_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "signing_delegation" DROP CONSTRAINT "FK_signing_delegation_user"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_signing_delegation_user"`);
        await queryRunner.query(`DROP TABLE "signing_delegation"`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "must_change_password"`);
    }

}
