/**
 * Demo data for a first look: fictional SCICs of Pas-de-Calais communes at different
 * steps, created through the real services (so with their journal). Only into an empty
 * database, and never in production (loadConfig refuses the development identity there).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import type { CreateDossierDto } from '../dossiers/dto/create-dossier.dto.js';
import type { DossierCommand } from '../workflow/dossier.events.js';
import { WorkflowRunner } from '../workflow/workflow-runner.service.js';

const INSTRUCTOR: Actor = { userId: 'demo.instructeur', role: 'instructor' };

interface DemoDossier {
  request: CreateDossierDto;
  events: DossierCommand[];
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

/** Seeds the demo dossiers when there is none; returns how many were created. */
export async function seedDemoIfEmpty(app: INestApplicationContext, config: AppConfig): Promise<number> {
  if (config.production) return 0;
  const [{ count }] = await app.get(DataSource).query<{ count: string }[]>('SELECT count(*) FROM dossier');
  if (Number(count) > 0) return 0;
  const dossiers = app.get(DossiersService);
  const runner = app.get(WorkflowRunner);
  for (const demo of DEMO) {
    const dossier = await dossiers.create(demo.request, INSTRUCTOR);
    for (const command of demo.events) await runner.send({ dossierId: dossier.id, command, actor: INSTRUCTOR });
  }
  return DEMO.length;
}
