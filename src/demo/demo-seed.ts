/**
 * Demo data for a first look: fictional SCICs of Pas-de-Calais communes at different
 * steps, created through the real services (so with their journal). Only into an empty
 * database, and never in production (loadConfig refuses the development identity there).
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { AnalysisStep } from '../analyses/analysis-steps.js';
import type { CurrentAccountAdvance } from '../analyses/analysis.types.js';
import { AnalysesService } from '../analyses/analyses.service.js';
import { completeActivityExample, completeEconomicExample, completeEssExampleFor } from '../analyses/rules/examples.js';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { MembersService } from '../committee/members/members.service.js';
import type { GiveSeatDto } from '../committee/members/member.dto.js';
import { DocumentCatalog } from '../documents/document-catalog.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import type { CreateUserDto } from '../identity/dto/user.dto.js';
import { DelegationsService } from '../identity/delegations.service.js';
import { UsersService } from '../identity/users.service.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import type { CreateDossierDto } from '../dossiers/dto/create-dossier.dto.js';
import type { DossierCommand } from '../workflow/dossier.events.js';
import { WorkflowRunner } from '../workflow/workflow-runner.service.js';
import { samplePdf } from './sample-pdf.js';

/** Every demo account's password (documented in the README; never in production). */
export const DEMO_PASSWORD = 'demo-scic-2026';

const account = (email: string, displayName: string, roles: CreateUserDto['roles']): CreateUserDto => ({
  email: `${email}@demo.scic.fr`,
  displayName,
  password: DEMO_PASSWORD,
  roles,
});

/** The seat of each demo committee member (given in the committee module, which keeps their history). */
export const DEMO_SEATS: Record<string, GiveSeatDto[]> = {
  'comite.service': [{ userId: '', seatCategory: 'DEPARTMENTAL_SERVICE', serviceCode: 'DIE' }],
  'comite.mission': [{ userId: '', seatCategory: 'MISSION_ESS' }],
  'comite.cdess': [{ userId: '', seatCategory: 'CDESS_MEMBER' }],
  'comite.finance': [{ userId: '', seatCategory: 'SOLIDARITY_FINANCE_PARTNER' }],
  'comite.qualifie': [{ userId: '', seatCategory: 'QUALIFIED_PERSON' }],
};

/** One account per role, and one committee member per seat category. */
export const DEMO_USERS: CreateUserDto[] = [
  account('instructeur', 'Camille Instructrice (Mission ESS)', [{ role: 'instructor' }]),
  account('comite.service', 'Dominique Service (Direction de l’insertion et de l’emploi)', [
    { role: 'committee_member' },
  ]),
  account('comite.mission', 'Alex Mission ESS', [{ role: 'committee_member' }]),
  account('comite.cdess', 'Sacha CDESS', [{ role: 'committee_member' }]),
  account('comite.finance', 'Morgan Finance solidaire', [{ role: 'committee_member' }]),
  account('comite.qualifie', 'Claude Personne qualifiée', [{ role: 'committee_member' }]),
  account('secretaire', 'Jean Secrétaire du comité', [{ role: 'committee_secretary' }]),
  account('elu.signataire', 'Élue signataire (vice-présidente)', [{ role: 'elected_official' }]),
  account('elu', 'Élu de la commission permanente', [{ role: 'elected_official' }]),
  account('admin', 'Administratrice', [{ role: 'admin' }]),
  // A second administrator: a signing delegation is in force only once another
  // administrator than the one who recorded it confirms it (four eyes).
  account('admin2', 'Second administrateur', [{ role: 'admin' }]),
  account('lecteur', 'Lecteur (contrôle de gestion)', [{ role: 'viewer' }]),
];

interface DemoDossier {
  request: CreateDossierDto;
  events: DossierCommand[];
  /** The policy orientation of step 1 and its competence (default: insertion). */
  orientation?: string;
  competence?: string;
  /** A shareholder current-account advance recommended in step 3 (rule 11). */
  advance?: CurrentAccountAdvance;
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const DEMO: DemoDossier[] = [
  {
    request: {
      scic: { siren: '901234567', name: "SCIC Les Jardins de l'Aa", legalForm: 'SAS', commune: 'Saint-Omer' },
      requestedAmountCents: 1_500_000,
      nominalShareValueCents: 5_000,
    },
    events: [],
  },
  {
    request: {
      scic: {
        siren: '902345677',
        name: 'SCIC Énergies Citoyennes de l’Audomarois',
        legalForm: 'SA',
        commune: 'Arques',
      },
      requestedAmountCents: 4_000_000,
      nominalShareValueCents: 10_000,
    },
    events: [{ type: 'SUBMIT' }, { type: 'COMPLETE_ACTIVITY' }],
  },
  {
    request: {
      scic: {
        siren: '903456788',
        name: 'SCIC Mobilités Solidaires du Ternois',
        legalForm: 'SARL',
        commune: 'Saint-Pol-sur-Ternoise',
      },
      requestedAmountCents: 2_500_000,
      nominalShareValueCents: 2_500,
    },
    orientation: 'MOBILITES_SOLIDAIRES',
    competence: 'SOLIDARITE_TERRITORIALE',
    advance: {
      amountCents: 1_000_000,
      durationMonths: 18,
      conventionReference: 'Projet de convention d’avance CCA-2026-03',
      renewal: false,
    },
    events: [
      { type: 'SUBMIT' },
      { type: 'COMPLETE_ACTIVITY' },
      { type: 'COMPLETE_ESS_PRACTICES' },
      { type: 'COMPLETE_ECONOMIC' },
    ],
  },
  {
    request: {
      scic: {
        siren: '904567898',
        name: 'SCIC Ressourcerie du Boulonnais',
        legalForm: 'SAS',
        commune: 'Boulogne-sur-Mer',
      },
      requestedAmountCents: 1_000_000,
      nominalShareValueCents: 10_000,
    },
    events: [
      { type: 'SUBMIT' },
      {
        type: 'REQUEST_COMPLEMENTS',
        reason: 'Comptes annuels 2025 et liste des associés par catégorie.',
        dueDate: inDays(30),
      },
    ],
  },
];

const STEP_COMPLETED_BY: Partial<Record<DossierCommand['type'], AnalysisStep>> = {
  COMPLETE_ACTIVITY: 'activity',
  COMPLETE_ESS_PRACTICES: 'essPractices',
  COMPLETE_ECONOMIC: 'economic',
};

/** Complete analyses, as an instructor would have written them before completing each step. */
function demoAnalysis(step: AnalysisStep, demo: DemoDossier): object {
  switch (step) {
    case 'activity':
      return completeActivityExample(demo.orientation ?? 'INSERTION_EMPLOI', demo.competence ?? 'INSERTION');
    case 'essPractices':
      return completeEssExampleFor(demo.request.nominalShareValueCents);
    case 'economic': {
      const economic = completeEconomicExample(demo.request.requestedAmountCents);
      economic.instruments.currentAccountAdvance = demo.advance ?? null;
      return economic;
    }
  }
}

/** The signatory élu's delegation: recorded by `admin`, confirmed by `admin2`, as in real life. */
async function seedDemoDelegation(app: INestApplicationContext, users: UsersService): Promise<void> {
  const delegations = app.get(DelegationsService);
  const byEmail = async (name: string) => (await users.findByEmail(`${name}@demo.scic.fr`))!.id;
  const seedActor = async (name: string): Promise<Actor> => ({
    userId: await byEmail(name),
    role: 'admin',
    credential: 'demo-seed',
  });
  const year = delegations.today().slice(0, 4);
  const recorded = await delegations.record(
    await byEmail('elu.signataire'),
    {
      arreteReference: `Arrêté de délégation de signature ${year}-001`,
      arreteDate: `${year}-01-02`,
      scope: 'ALL',
      startsOn: `${year}-01-02`,
    },
    await seedActor('admin'),
  );
  await delegations.confirm(recorded.id, await seedActor('admin2'));
}

export interface DemoSeedResult {
  users: number;
  dossiers: number;
}

/**
 * Seeds the demo accounts into a database without users, and the demo dossiers into one
 * without dossiers; returns what was created.
 */
/** This year's programme authorisation, set by the demo administrator: approvals are signed against it (rule 5). */
async function seedDemoEnvelope(app: INestApplicationContext, users: UsersService): Promise<void> {
  const envelopes = app.get(EnvelopesService);
  const admin = (await users.findByEmail('admin@demo.scic.fr'))!;
  const year = envelopes.currentYear();
  await envelopes.set(
    String(year),
    {
      amountCents: 200_000_000,
      programmeReference: `AP ${year}-SCIC (compte 261)`,
      reason: 'Autorisation de programme votée au budget primitif (données de démonstration).',
    },
    { userId: admin.id, role: 'admin', credential: 'demo-seed' },
  );
}

export async function seedDemoIfEmpty(app: INestApplicationContext, config: AppConfig): Promise<DemoSeedResult> {
  const result = { users: 0, dossiers: 0 };
  if (config.production) return result;
  const users = app.get(UsersService);
  const dossiers = app.get(DossiersService);
  if ((await users.list()).length === 0) {
    const members = app.get(MembersService);
    const admin: Actor = { userId: 'demo', role: 'admin', credential: 'demo-seed' };
    for (const user of DEMO_USERS) {
      const created = await users.create(user);
      for (const seat of DEMO_SEATS[user.email.split('@')[0]] ?? []) {
        await members.giveSeat({ ...seat, userId: created.id }, admin);
      }
    }
    await seedDemoDelegation(app, users);
    await seedDemoEnvelope(app, users);
    result.users = DEMO_USERS.length;
  }
  const instructor = await users.findByEmail(DEMO_USERS[0].email);
  const actor: Actor = { userId: instructor?.id ?? 'demo', role: 'instructor', credential: 'demo-seed' };
  // An instructor sees every dossier: one row of the listing says whether there is any.
  if ((await dossiers.list({ pageSize: 1 }, actor)).total > 0) return result;
  const runner = app.get(WorkflowRunner);
  const analyses = app.get(AnalysesService);
  const documents = app.get(DocumentsService);
  const catalog = app.get(DocumentCatalog);
  const types = await catalog.types();
  for (const demo of DEMO) {
    const dossier = await dossiers.create(demo.request, actor);
    for (const command of demo.events) {
      const step = STEP_COMPLETED_BY[command.type];
      if (step) {
        await analyses.save(step, dossier.id, demoAnalysis(step, demo), actor, undefined);
        for (const type of types.filter((candidate) => candidate.requiredStep === step)) {
          const fileName = `${type.code.toLowerCase()}.pdf`;
          await documents.attach(dossier.id, { type: type.code, fileName, content: samplePdf(type.label) }, actor);
        }
      }
      await runner.send({ dossierId: dossier.id, command, actor });
    }
  }
  result.dossiers = DEMO.length;
  return result;
}
