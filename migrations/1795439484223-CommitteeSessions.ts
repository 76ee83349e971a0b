import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * The comité d'engagement (step 4). Committee seats move from `user_role` (one seat per
 * user, no history) to `committee_seat` (several seats, kept when ended): the seats
 * already given are copied over first; a departmental-service seat whose free-text
 * service matches no code or label of the `departmental_service` referential cannot be
 * carried over and must be given again (POST /api/committee/members). Outbox messages
 * about a session rather than a dossier (convocations) have no dossier id.
 */

export class CommitteeSessions1795439484223 implements MigrationInterface {
    name = 'CommitteeSessions1795439484223'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "CHK_user_role_seat"`);
        await queryRunner.query(`CREATE TABLE "committee_seat" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "category" character varying(32) NOT NULL, "service_code" character varying(40), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_by" character varying(100) NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by" character varying(100), CONSTRAINT "CHK_committee_seat_service" CHECK (("category" = 'DEPARTMENTAL_SERVICE') = ("service_code" IS NOT NULL)), CONSTRAINT "CHK_committee_seat_category" CHECK ("category" IN ('DEPARTMENTAL_SERVICE', 'MISSION_ESS', 'CDESS_MEMBER', 'SOLIDARITY_FINANCE_PARTNER', 'QUALIFIED_PERSON')), CONSTRAINT "PK_c2592514e6ee0a692de12226bf9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_seat_active" ON "committee_seat"  ("user_id", "category", "service_code") WHERE "ended_at" IS NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_committee_seat_user" ON "committee_seat"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "committee_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_date" date NOT NULL, "start_time" character varying(5), "place" character varying(300), "video_link" character varying(500), "chair_user_id" uuid, "secretary_user_id" uuid, "status" character varying(8) NOT NULL DEFAULT 'OPEN', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" character varying(100), "minutes_pdf" bytea, "minutes_sha256" character varying(64), CONSTRAINT "CHK_committee_session_minutes" CHECK ("minutes_sha256" IS NULL OR "minutes_sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_committee_session_closed" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "CHK_committee_session_where" CHECK ("place" IS NOT NULL OR "video_link" IS NOT NULL), CONSTRAINT "CHK_committee_session_status" CHECK ("status" IN ('OPEN', 'CLOSED')), CONSTRAINT "PK_f4997a5fba2eecbf11b5b5508f7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_committee_session_date" ON "committee_session"  ("session_date") `);
        await queryRunner.query(`CREATE TABLE "committee_opinion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "opinion" character varying(32) NOT NULL, "motivation" text NOT NULL, "conditions" text, "proposed_amount_cents" bigint, "proposed_shares" integer, "composition" jsonb NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(100) NOT NULL, CONSTRAINT "CHK_committee_opinion_conditions" CHECK (("opinion" = 'FAVOURABLE_WITH_CONDITIONS') = ("conditions" IS NOT NULL)), CONSTRAINT "CHK_committee_opinion_amount" CHECK (("opinion" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS')) = ("proposed_amount_cents" IS NOT NULL) AND ("proposed_amount_cents" IS NULL) = ("proposed_shares" IS NULL)), CONSTRAINT "CHK_committee_opinion_value" CHECK ("opinion" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ADJOURNED')), CONSTRAINT "PK_8d26ae5c23118722c67b48b26d4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_committee_opinion_dossier" ON "committee_opinion"  ("dossier_id", "recorded_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_opinion_session_dossier" ON "committee_opinion"  ("session_id", "dossier_id") `);
        await queryRunner.query(`CREATE TABLE "committee_interest_declaration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "user_id" uuid NOT NULL, "has_interest" boolean NOT NULL, "nature" character varying(32), "details" text, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_committee_interest_declaration_nature" CHECK (("has_interest" = ("nature" IS NOT NULL)) AND ("nature" IS NULL OR "nature" IN ('ASSOCIE', 'OFFICER', 'EMPLOYEE', 'FAMILY_TIE', 'DEPARTEMENT_REPRESENTATIVE', 'OTHER'))), CONSTRAINT "PK_a9ec425122e4e52a74cd66f3038" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_interest_declaration" ON "committee_interest_declaration"  ("session_id", "dossier_id", "user_id") `);
        await queryRunner.query(`CREATE TABLE "committee_vote" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "user_id" uuid NOT NULL, "position" character varying(32) NOT NULL, "comment" text, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_committee_vote_position" CHECK ("position" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ABSTENTION')), CONSTRAINT "PK_f3069c89f701eab20811fdfe5c8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_vote" ON "committee_vote"  ("session_id", "dossier_id", "user_id") `);
        await queryRunner.query(`CREATE TABLE "committee_agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "position" integer NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'SCHEDULED', "reason" text, "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "moved_to_session_id" uuid, "moved_reason" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_committee_agenda_item_moved" CHECK (("status" = 'MOVED') = ("moved_to_session_id" IS NOT NULL)), CONSTRAINT "CHK_committee_agenda_item_status" CHECK ("status" IN ('SCHEDULED', 'EXAMINED', 'MOVED', 'REMOVED')), CONSTRAINT "PK_b26941dd6feb865a9575800073e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_agenda_item_scheduled" ON "committee_agenda_item"  ("dossier_id") WHERE "status" = 'SCHEDULED'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_committee_agenda_item_session_dossier" ON "committee_agenda_item"  ("session_id", "dossier_id") `);
        await queryRunner.query(`CREATE TABLE "committee_attendance" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "present" boolean NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(100) NOT NULL, CONSTRAINT "PK_83a6c676407f672ed7b6a84a747" PRIMARY KEY ("session_id", "user_id"))`);
        await queryRunner.query(`CREATE TABLE "committee_convocation" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "first_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "times_sent" integer NOT NULL DEFAULT '1', "frozen_seats" jsonb, CONSTRAINT "PK_c9a83515ef0769b1af9911058e0" PRIMARY KEY ("session_id", "user_id"))`);
        await queryRunner.query(`INSERT INTO "committee_seat" ("user_id", "category", "service_code", "started_at", "started_by")
            SELECT r."user_id", r."seat_category", s."code", now(), 'migration:CommitteeSessions'
              FROM "user_role" r
              LEFT JOIN "departmental_service" s
                     ON r."seat_category" = 'DEPARTMENTAL_SERVICE' AND (s."code" = r."departmental_service" OR s."label" = r."departmental_service")
             WHERE r."role" = 'committee_member' AND r."seat_category" IS NOT NULL
               AND (r."seat_category" <> 'DEPARTMENTAL_SERVICE' OR s."code" IS NOT NULL)`);
        await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "seat_category"`);
        await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "departmental_service"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ALTER COLUMN "dossier_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "committee_seat" ADD CONSTRAINT "FK_committee_seat_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_seat" ADD CONSTRAINT "FK_committee_seat_service" FOREIGN KEY ("service_code") REFERENCES "departmental_service"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_session" ADD CONSTRAINT "FK_committee_session_chair" FOREIGN KEY ("chair_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_session" ADD CONSTRAINT "FK_committee_session_secretary" FOREIGN KEY ("secretary_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_opinion" ADD CONSTRAINT "FK_committee_opinion_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_opinion" ADD CONSTRAINT "FK_committee_opinion_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" ADD CONSTRAINT "FK_committee_interest_declaration_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" ADD CONSTRAINT "FK_committee_interest_declaration_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" ADD CONSTRAINT "FK_committee_interest_declaration_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_vote" ADD CONSTRAINT "FK_committee_vote_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_vote" ADD CONSTRAINT "FK_committee_vote_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_vote" ADD CONSTRAINT "FK_committee_vote_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" ADD CONSTRAINT "FK_committee_agenda_item_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" ADD CONSTRAINT "FK_committee_agenda_item_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" ADD CONSTRAINT "FK_committee_agenda_item_moved_to" FOREIGN KEY ("moved_to_session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_attendance" ADD CONSTRAINT "FK_committee_attendance_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_attendance" ADD CONSTRAINT "FK_committee_attendance_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_convocation" ADD CONSTRAINT "FK_committee_convocation_session" FOREIGN KEY ("session_id") REFERENCES "committee_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "committee_convocation" ADD CONSTRAINT "FK_committee_convocation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "committee_convocation" DROP CONSTRAINT "FK_committee_convocation_user"`);
        await queryRunner.query(`ALTER TABLE "committee_convocation" DROP CONSTRAINT "FK_committee_convocation_session"`);
        await queryRunner.query(`ALTER TABLE "committee_attendance" DROP CONSTRAINT "FK_committee_attendance_user"`);
        await queryRunner.query(`ALTER TABLE "committee_attendance" DROP CONSTRAINT "FK_committee_attendance_session"`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" DROP CONSTRAINT "FK_committee_agenda_item_moved_to"`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" DROP CONSTRAINT "FK_committee_agenda_item_dossier"`);
        await queryRunner.query(`ALTER TABLE "committee_agenda_item" DROP CONSTRAINT "FK_committee_agenda_item_session"`);
        await queryRunner.query(`ALTER TABLE "committee_vote" DROP CONSTRAINT "FK_committee_vote_user"`);
        await queryRunner.query(`ALTER TABLE "committee_vote" DROP CONSTRAINT "FK_committee_vote_dossier"`);
        await queryRunner.query(`ALTER TABLE "committee_vote" DROP CONSTRAINT "FK_committee_vote_session"`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" DROP CONSTRAINT "FK_committee_interest_declaration_user"`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" DROP CONSTRAINT "FK_committee_interest_declaration_dossier"`);
        await queryRunner.query(`ALTER TABLE "committee_interest_declaration" DROP CONSTRAINT "FK_committee_interest_declaration_session"`);
        await queryRunner.query(`ALTER TABLE "committee_opinion" DROP CONSTRAINT "FK_committee_opinion_dossier"`);
        await queryRunner.query(`ALTER TABLE "committee_opinion" DROP CONSTRAINT "FK_committee_opinion_session"`);
        await queryRunner.query(`ALTER TABLE "committee_session" DROP CONSTRAINT "FK_committee_session_secretary"`);
        await queryRunner.query(`ALTER TABLE "committee_session" DROP CONSTRAINT "FK_committee_session_chair"`);
        await queryRunner.query(`ALTER TABLE "committee_seat" DROP CONSTRAINT "FK_committee_seat_service"`);
        await queryRunner.query(`ALTER TABLE "committee_seat" DROP CONSTRAINT "FK_committee_seat_user"`);
        // Convocations cannot go back to a table that requires a dossier.
        await queryRunner.query(`DELETE FROM "outbox_message" WHERE "dossier_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ALTER COLUMN "dossier_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "user_role" ADD "departmental_service" character varying(120)`);
        await queryRunner.query(`ALTER TABLE "user_role" ADD "seat_category" character varying(32)`);
        // One seat per user back in user_role: the earliest one held.
        await queryRunner.query(`UPDATE "user_role" r SET "seat_category" = cs."category", "departmental_service" = cs."service_code"
            FROM (SELECT DISTINCT ON ("user_id") "user_id", "category", "service_code" FROM "committee_seat"
                   WHERE "ended_at" IS NULL ORDER BY "user_id", "started_at") cs
           WHERE r."user_id" = cs."user_id" AND r."role" = 'committee_member'`);
        await queryRunner.query(`DROP TABLE "committee_convocation"`);
        await queryRunner.query(`DROP TABLE "committee_attendance"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_agenda_item_session_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_agenda_item_scheduled"`);
        await queryRunner.query(`DROP TABLE "committee_agenda_item"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_vote"`);
        await queryRunner.query(`DROP TABLE "committee_vote"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_interest_declaration"`);
        await queryRunner.query(`DROP TABLE "committee_interest_declaration"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_opinion_session_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_committee_opinion_dossier"`);
        await queryRunner.query(`DROP TABLE "committee_opinion"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_committee_session_date"`);
        await queryRunner.query(`DROP TABLE "committee_session"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_committee_seat_user"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_committee_seat_active"`);
        await queryRunner.query(`DROP TABLE "committee_seat"`);
        // NOT VALID: a member without a seat (or with several) cannot be expressed in the old shape.
        await queryRunner.query(`ALTER TABLE "user_role" ADD CONSTRAINT "CHK_user_role_seat" CHECK (((((role)::text = 'committee_member'::text) = (seat_category IS NOT NULL)) AND (((seat_category)::text = 'DEPARTMENTAL_SERVICE'::text) = (departmental_service IS NOT NULL)))) NOT VALID`);
    }

}
