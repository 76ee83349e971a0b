import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Seed of the referentials, frozen here as the département's initial values (a
 * migration never changes once committed; later values are the administrator's edits).
 * Thresholds carry their legal source; only the Autonomie marker's levels come from the
 * département's grid, the others are to be completed by the administrator.
 */
const SERVICES = [
  {
    "code": "DSOL",
    "label": "Direction des solidarités et de l’action sociale"
  },
  {
    "code": "DIE",
    "label": "Direction de l’insertion et de l’emploi"
  },
  {
    "code": "DAUT",
    "label": "Direction de l’autonomie (personnes âgées, personnes handicapées)"
  },
  {
    "code": "DEDU",
    "label": "Direction de l’éducation et des collèges"
  },
  {
    "code": "DENV",
    "label": "Direction de l’environnement et des espaces naturels sensibles"
  },
  {
    "code": "DMOB",
    "label": "Direction des mobilités et des routes"
  },
  {
    "code": "DCUL",
    "label": "Direction de la culture et du patrimoine"
  },
  {
    "code": "DHAB",
    "label": "Direction de l’habitat et du logement"
  }
];

const ORIENTATIONS = [
  {
    "code": "INSERTION_EMPLOI",
    "label": "Insertion par l’activité économique et retour à l’emploi",
    "competenceCode": "INSERTION",
    "competenceLabel": "Insertion sociale et professionnelle (RSA)",
    "serviceCodes": [
      "DIE"
    ]
  },
  {
    "code": "BIEN_VIEILLIR",
    "label": "Bien vieillir et maintien de l’autonomie à domicile",
    "competenceCode": "AUTONOMIE",
    "competenceLabel": "Autonomie des personnes âgées",
    "serviceCodes": [
      "DAUT"
    ]
  },
  {
    "code": "HANDICAP_INCLUSION",
    "label": "Inclusion des personnes en situation de handicap",
    "competenceCode": "HANDICAP",
    "competenceLabel": "Action en faveur des personnes handicapées",
    "serviceCodes": [
      "DAUT",
      "DSOL"
    ]
  },
  {
    "code": "ALIMENTATION_COLLEGES",
    "label": "Alimentation durable et locale en restauration des collèges",
    "competenceCode": "COLLEGES",
    "competenceLabel": "Collèges (restauration scolaire)",
    "serviceCodes": [
      "DEDU",
      "DENV"
    ]
  },
  {
    "code": "ESPACES_NATURELS",
    "label": "Préservation des espaces naturels et transition écologique",
    "competenceCode": "ENVIRONNEMENT",
    "competenceLabel": "Espaces naturels sensibles",
    "serviceCodes": [
      "DENV"
    ]
  },
  {
    "code": "MOBILITES_SOLIDAIRES",
    "label": "Mobilités solidaires en milieu rural",
    "competenceCode": "SOLIDARITE_TERRITORIALE",
    "competenceLabel": "Solidarité territoriale et mobilité",
    "serviceCodes": [
      "DMOB",
      "DIE"
    ]
  },
  {
    "code": "CULTURE_LIEN_SOCIAL",
    "label": "Culture, patrimoine et lien social dans les territoires",
    "competenceCode": "CULTURE",
    "competenceLabel": "Culture et patrimoine",
    "serviceCodes": [
      "DCUL"
    ]
  },
  {
    "code": "LOGEMENT_ACCES",
    "label": "Accès et maintien dans le logement des publics fragiles",
    "competenceCode": "ACTION_SOCIALE",
    "competenceLabel": "Action sociale (fonds de solidarité pour le logement)",
    "serviceCodes": [
      "DHAB",
      "DSOL"
    ]
  }
];

const THRESHOLDS = [
  {
    "code": "PUBLIC_CAP_BP",
    "label": "Part maximale du capital détenue par l’ensemble des personnes publiques",
    "unit": "BASIS_POINTS",
    "value": 5000,
    "source": "L47 art. 19 septies al. 4"
  },
  {
    "code": "INDIVISIBLE_RESERVES_MIN_BP",
    "label": "Part minimale des excédents affectée aux réserves impartageables",
    "unit": "BASIS_POINTS",
    "value": 5750,
    "source": "L47 art. 19 nonies"
  },
  {
    "code": "LEGAL_RESERVE_MIN_BP",
    "label": "Part minimale des excédents affectée à la réserve légale",
    "unit": "BASIS_POINTS",
    "value": 1500,
    "source": "L47 art. 19 nonies"
  },
  {
    "code": "COOPERATIVE_REVISION_MAX_YEARS",
    "label": "Ancienneté maximale de la dernière révision coopérative",
    "unit": "YEARS",
    "value": 5,
    "source": "L47 art. 25-1 ; décret n° 2015-706"
  },
  {
    "code": "INTEREST_ON_SHARES_CAP_BP",
    "label": "Taux maximal de l’intérêt servi aux parts sociales (TMO moyen des 3 dernières années + 2 points) — valeur à mettre à jour par l’administrateur",
    "unit": "BASIS_POINTS",
    "value": 600,
    "source": "L47 art. 14"
  },
  {
    "code": "CEILING_PER_SCIC_CENTS",
    "label": "Plafond de la prise de participation du Département par SCIC",
    "unit": "CENTS",
    "value": 10000000,
    "source": "Règle interne du Département"
  },
  {
    "code": "COLLEGE_MIN_BP",
    "label": "Part minimale des droits de vote d’un collège",
    "unit": "BASIS_POINTS",
    "value": 1000,
    "source": "L47 art. 19 octies"
  },
  {
    "code": "COLLEGE_MAX_BP",
    "label": "Part maximale des droits de vote d’un collège",
    "unit": "BASIS_POINTS",
    "value": 5000,
    "source": "L47 art. 19 octies"
  },
  {
    "code": "EQUITY_RATIO_MIN_BP",
    "label": "Seuil d’alerte : fonds propres / total du bilan (minimum)",
    "unit": "BASIS_POINTS",
    "value": 2000,
    "source": "Règle interne du Département (analyse financière)"
  },
  {
    "code": "GEARING_MAX_BP",
    "label": "Seuil d’alerte : dettes financières / fonds propres (maximum)",
    "unit": "BASIS_POINTS",
    "value": 10000,
    "source": "Règle interne du Département (analyse financière)"
  },
  {
    "code": "DEBT_TO_CAF_MAX_YEARS",
    "label": "Seuil d’alerte : dettes financières / CAF, en années (maximum)",
    "unit": "YEARS",
    "value": 5,
    "source": "Règle interne du Département (analyse financière)"
  },
  {
    "code": "CASH_MIN_DAYS",
    "label": "Seuil d’alerte : trésorerie en jours de charges (minimum)",
    "unit": "DAYS",
    "value": 30,
    "source": "Règle interne du Département (analyse financière)"
  },
  {
    "code": "SUBSIDY_SHARE_MAX_BP",
    "label": "Seuil d’alerte : part des subventions d’exploitation dans les produits (maximum)",
    "unit": "BASIS_POINTS",
    "value": 5000,
    "source": "Règle interne du Département (analyse financière)"
  },
  {
    "code": "CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS",
    "label": "Durée maximale d’une avance en compte courant d’associé",
    "unit": "MONTHS",
    "value": 24,
    "source": "CGCT art. L1522-5"
  }
];

const MARKERS = [
  {
    "code": "AUTONOMY",
    "position": 1,
    "label": "Autonomie",
    "description": "Autonomie vis-à-vis des ressources non renouvelables (naturelles, énergétiques, matérielles).",
    "levels": [
      {
        "level": 0,
        "label": "Aucune contribution",
        "example": "L’activité ne contribue pas à réduire la dépendance aux ressources non renouvelables."
      },
      {
        "level": 1,
        "label": "Production écologique ou naturelle",
        "example": "L’activité intègre une production écologique ou naturelle."
      },
      {
        "level": 2,
        "label": "Production écologique, naturelle et locale",
        "example": "L’activité intègre une production écologique, naturelle et locale."
      },
      {
        "level": 3,
        "label": "Ensemble de pratiques complémentaires sur le territoire",
        "example": "Production écologique, naturelle et locale, complétée par un ensemble de pratiques complémentaires développées sur le territoire."
      }
    ]
  },
  {
    "code": "CAPABILITIES",
    "position": 2,
    "label": "Capabilités",
    "description": "Développement des capacités des personnes à choisir, agir et participer ; accès aux droits.",
    "levels": [
      {
        "level": 0,
        "label": "Niveau 0",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 1,
        "label": "Niveau 1",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 2,
        "label": "Niveau 2",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 3,
        "label": "Niveau 3",
        "example": "À compléter par l’administrateur"
      }
    ]
  },
  {
    "code": "SOCIAL_JUSTICE",
    "position": 3,
    "label": "Justice sociale",
    "description": "Justice sociale et lutte contre les inégalités : reconnaissance et prise en compte des diversités présentes sur le territoire.",
    "levels": [
      {
        "level": 0,
        "label": "Niveau 0",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 1,
        "label": "Niveau 1",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 2,
        "label": "Niveau 2",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 3,
        "label": "Niveau 3",
        "example": "À compléter par l’administrateur"
      }
    ]
  },
  {
    "code": "COMMONS",
    "position": 4,
    "label": "Patrimonialisation en commun",
    "description": "Préserver, enrichir et transmettre collectivement des ressources partagées, matérielles ou immatérielles, ainsi que leurs usages.",
    "levels": [
      {
        "level": 0,
        "label": "Niveau 0",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 1,
        "label": "Niveau 1",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 2,
        "label": "Niveau 2",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 3,
        "label": "Niveau 3",
        "example": "À compléter par l’administrateur"
      }
    ]
  },
  {
    "code": "SUSTAINABILITY",
    "position": 5,
    "label": "Durabilité",
    "description": "Pratiques et finalités repensées au regard de la soutenabilité forte.",
    "levels": [
      {
        "level": 0,
        "label": "Niveau 0",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 1,
        "label": "Niveau 1",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 2,
        "label": "Niveau 2",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 3,
        "label": "Niveau 3",
        "example": "À compléter par l’administrateur"
      }
    ]
  },
  {
    "code": "RESILIENCE",
    "position": 6,
    "label": "Résilience des territoires",
    "description": "Anticiper ou répondre collectivement aux chocs environnementaux, économiques et sociaux.",
    "levels": [
      {
        "level": 0,
        "label": "Niveau 0",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 1,
        "label": "Niveau 1",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 2,
        "label": "Niveau 2",
        "example": "À compléter par l’administrateur"
      },
      {
        "level": 3,
        "label": "Niveau 3",
        "example": "À compléter par l’administrateur"
      }
    ]
  }
];


export class AnalysesReferentials1795437799652 implements MigrationInterface {
    name = 'AnalysesReferentials1795437799652'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "activity_analysis" ("dossier_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_by" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "creation_date" date, "registered_address" character varying(300), "territory_served" character varying(300), "sector" character varying(200), "activities_description" text, "employees_fte" numeric(9,2), "beneficiaries_reached" integer, "turnover_cents" bigint, "orientation_codes" character varying(40) array NOT NULL DEFAULT '{}', "competence_code" character varying(40), "fit_assessment" text, "conclusion" character varying(32), "comments" text, CONSTRAINT "CHK_activity_analysis_conclusion" CHECK ("conclusion" IS NULL OR "conclusion" IN ('FITS', 'FITS_WITH_RESERVATIONS', 'DOES_NOT_FIT')), CONSTRAINT "PK_33bfe8e7a7de4bae9fe1c64b456" PRIMARY KEY ("dossier_id"))`);
        await queryRunner.query(`CREATE TABLE "economic_analysis" ("dossier_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_by" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "environment" text, "positioning" text, "means" text, "economic_and_financial" text, "risks" text, "statements" jsonb NOT NULL DEFAULT '[]', "financing_plan" jsonb NOT NULL DEFAULT '{"uses": [], "resources": []}', "financing_need_cents" bigint, "instruments" jsonb NOT NULL DEFAULT '{"bankGuarantee": null, "solidarityLoan": null, "capitalStakeCents": null, "currentAccountAdvance": null}', "conclusion" character varying(32), "comments" text, CONSTRAINT "CHK_economic_analysis_conclusion" CHECK ("conclusion" IS NULL OR "conclusion" IN ('FITS', 'FITS_WITH_RESERVATIONS', 'DOES_NOT_FIT')), CONSTRAINT "PK_669748b38df3265cdffe3727d8e" PRIMARY KEY ("dossier_id"))`);
        await queryRunner.query(`CREATE TABLE "ess_practices_analysis" ("dossier_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_by" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_categories" jsonb NOT NULL DEFAULT '[]', "has_voting_colleges" boolean, "voting_colleges" jsonb NOT NULL DEFAULT '[]', "current_capital_cents" bigint, "number_of_shares" bigint, "public_holders" jsonb NOT NULL DEFAULT '[]', "indivisible_reserves_bp" integer, "legal_reserve_bp" integer, "interest_on_shares_bp" integer, "last_cooperative_revision_date" date, "wage_scale_ratio" numeric(6,2), "governance" text, "cooperative_project" text, "markers" jsonb NOT NULL DEFAULT '[]', "conclusion" character varying(32), "comments" text, CONSTRAINT "CHK_ess_practices_analysis_conclusion" CHECK ("conclusion" IS NULL OR "conclusion" IN ('FITS', 'FITS_WITH_RESERVATIONS', 'DOES_NOT_FIT')), CONSTRAINT "PK_0111ba99373970185c427a0644e" PRIMARY KEY ("dossier_id"))`);
        await queryRunner.query(`CREATE TABLE "departmental_service" ("code" character varying(40) NOT NULL, "label" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53cf1ce2a9886253308aac80aa3" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "policy_orientation" ("code" character varying(40) NOT NULL, "label" character varying(200) NOT NULL, "competence_code" character varying(40) NOT NULL, "competence_label" character varying(200) NOT NULL, "service_codes" character varying(40) array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69d3d489712896108cdb6d71442" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "threshold" ("code" character varying(40) NOT NULL, "label" character varying(200) NOT NULL, "unit" character varying(16) NOT NULL, "value" bigint NOT NULL, "source" character varying(300) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9a5282645aee0f460196741ec9" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "transformation_marker" ("code" character varying(40) NOT NULL, "position" integer NOT NULL, "label" character varying(120) NOT NULL, "description" text NOT NULL, "levels" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_12ae41a537d66cf50c3941b7bac" PRIMARY KEY ("code"))`);
        for (const service of SERVICES) {
            await queryRunner.query(`INSERT INTO "departmental_service" ("code", "label") VALUES ($1, $2)`, [service.code, service.label]);
        }
        for (const o of ORIENTATIONS) {
            await queryRunner.query(
                `INSERT INTO "policy_orientation" ("code", "label", "competence_code", "competence_label", "service_codes") VALUES ($1, $2, $3, $4, $5)`,
                [o.code, o.label, o.competenceCode, o.competenceLabel, o.serviceCodes],
            );
        }
        for (const t of THRESHOLDS) {
            await queryRunner.query(
                `INSERT INTO "threshold" ("code", "label", "unit", "value", "source") VALUES ($1, $2, $3, $4, $5)`,
                [t.code, t.label, t.unit, t.value, t.source],
            );
        }
        for (const m of MARKERS) {
            await queryRunner.query(
                `INSERT INTO "transformation_marker" ("code", "position", "label", "description", "levels") VALUES ($1, $2, $3, $4, $5)`,
                [m.code, m.position, m.label, m.description, JSON.stringify(m.levels)],
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "transformation_marker"`);
        await queryRunner.query(`DROP TABLE "threshold"`);
        await queryRunner.query(`DROP TABLE "policy_orientation"`);
        await queryRunner.query(`DROP TABLE "departmental_service"`);
        await queryRunner.query(`DROP TABLE "ess_practices_analysis"`);
        await queryRunner.query(`DROP TABLE "economic_analysis"`);
        await queryRunner.query(`DROP TABLE "activity_analysis"`);
    }

}
