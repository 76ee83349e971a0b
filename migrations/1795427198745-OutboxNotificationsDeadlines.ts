import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxNotificationsDeadlines1795427198745 implements MigrationInterface {
    name = 'OutboxNotificationsDeadlines1795427198745'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dossier_deadline" ("dossier_id" uuid NOT NULL, "state" character varying(64) NOT NULL, "due_date" date, "remaining_days" integer, "reminded_for" date, "overdue_notified_for" date, CONSTRAINT "PK_f4e4dbb8e50b107f05ae9da53da" PRIMARY KEY ("dossier_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dossier_deadline_due" ON "dossier_deadline"  ("due_date") `);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "outbox_message_id" uuid NOT NULL, "recipient" character varying(300) NOT NULL, "user_id" uuid, "email" character varying(254), "dossier_id" uuid, "kind" character varying(64) NOT NULL, "subject" character varying(300) NOT NULL, "body_text" text NOT NULL, "body_html" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notification_user" ON "notification"  ("user_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notification_message_recipient" ON "notification"  ("outbox_message_id", "recipient") `);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "contact_email" character varying(254)`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "locked_until"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "contact_email"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_notification_message_recipient"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notification_user"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dossier_deadline_due"`);
        await queryRunner.query(`DROP TABLE "dossier_deadline"`);
    }

}
