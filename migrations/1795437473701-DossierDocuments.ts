import { MigrationInterface, QueryRunner } from "typeorm";

export class DossierDocuments1795437473701 implements MigrationInterface {
    name = 'DossierDocuments1795437473701'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "document_type" ("code" character varying(50) NOT NULL, "label" character varying(200) NOT NULL, "required_step" character varying(30), "position" integer NOT NULL, CONSTRAINT "CHK_document_type_required_step" CHECK ("required_step" IN ('activity', 'essPractices', 'economic')), CONSTRAINT "PK_8736291c18c1dda6cb8918bbc19" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "dossier_document" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "type_code" character varying(50) NOT NULL, "piece_id" uuid NOT NULL, "version" integer NOT NULL, "replaces_id" uuid, "sha256" character(64) NOT NULL, "size_bytes" bigint NOT NULL, "content_type" character varying(100) NOT NULL, "file_name" character varying(255) NOT NULL, "label" character varying(200), "uploaded_by" character varying(100) NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE, "replaced_by" character varying(100), "replaced_reason" text, CONSTRAINT "CHK_dossier_document_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_dossier_document_size" CHECK ("size_bytes" >= 0), CONSTRAINT "CHK_dossier_document_version" CHECK ("version" >= 1), CONSTRAINT "PK_f2780d3220d9b1faa833cb6386c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dossier_document_sha256" ON "dossier_document"  ("sha256") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dossier_document_piece_version" ON "dossier_document"  ("piece_id", "version") `);
        await queryRunner.query(`CREATE INDEX "IDX_dossier_document_dossier" ON "dossier_document"  ("dossier_id", "type_code") `);
        await queryRunner.query(`ALTER TABLE "dossier_document" ADD CONSTRAINT "FK_dossier_document_dossier" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "dossier_document" ADD CONSTRAINT "FK_dossier_document_type" FOREIGN KEY ("type_code") REFERENCES "document_type"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "dossier_document" ADD CONSTRAINT "FK_dossier_document_replaces" FOREIGN KEY ("replaces_id") REFERENCES "dossier_document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // The referential of pieces (issue 11), and the step whose completion requires each.
        const types: [string, string, string | null][] = [
            ['STATUTS', 'Statuts', 'activity'],
            ['KBIS', 'Extrait K-bis', 'activity'],
            ['MEMBERS_BY_CATEGORY', 'Liste des associés par catégorie', 'essPractices'],
            ['ANNUAL_ACCOUNTS_N1', 'Comptes annuels N-1', 'economic'],
            ['ANNUAL_ACCOUNTS_N2', 'Comptes annuels N-2', null],
            ['ANNUAL_ACCOUNTS_N3', 'Comptes annuels N-3', null],
            ['FORECAST', 'Prévisionnel', 'economic'],
            ['FINANCING_PLAN', 'Plan de financement', 'economic'],
            ['GENERAL_MEETING_MINUTES', 'Procès-verbal d’assemblée générale', null],
            ['COOPERATIVE_REVISION_REPORT', 'Rapport de révision coopérative', null],
            ['BANK_AGREEMENT', 'Accord bancaire', null],
            ['GUARANTEE_DECISION', 'Décision de garantie', null],
            ['OTHER', 'Autre pièce', null],
        ];
        for (const [index, [code, label, step]] of types.entries()) {
            await queryRunner.query(
                `INSERT INTO "document_type" ("code", "label", "required_step", "position") VALUES ($1, $2, $3, $4)`,
                [code, label, step, (index + 1) * 10],
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier_document" DROP CONSTRAINT "FK_dossier_document_replaces"`);
        await queryRunner.query(`ALTER TABLE "dossier_document" DROP CONSTRAINT "FK_dossier_document_type"`);
        await queryRunner.query(`ALTER TABLE "dossier_document" DROP CONSTRAINT "FK_dossier_document_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dossier_document_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_dossier_document_piece_version"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dossier_document_sha256"`);
        await queryRunner.query(`DROP TABLE "dossier_document"`);
        await queryRunner.query(`DROP TABLE "document_type"`);
    }

}
