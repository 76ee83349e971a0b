/**
 * The note de synthèse (GET /api/dossiers/:id/report.pdf) of a complete dossier: its
 * three analyses (the examples the tests use) and a committee opinion with a proposed
 * amount are written into the bench database before the application starts, then the
 * route is timed over HTTP, one request after another — gathering in one snapshot and
 * rendering the PDF, against the budget of 300 ms.
 */
import { STEP_DEFINITIONS } from '../../dist/src/analyses/analysis-steps.js';
import {
  completeActivityExample,
  completeEconomicExample,
  completeEssExampleFor,
} from '../../dist/src/analyses/rules/examples.js';
import { CommitteeOpinion } from '../../dist/src/committee/opinions/committee-opinion.entity.js';
import { CommitteeSession } from '../../dist/src/committee/sessions/committee-session.entity.js';
import { percentile, round } from './util.mjs';

export const REPORT_BUDGET_MS = 300;

const SEATS = [
  ['DEPARTMENTAL_SERVICE', 'le service départemental concerné', 'Dominique Service'],
  ['MISSION_ESS', 'la Mission ESS', 'Alex Mission ESS'],
  ['CDESS_MEMBER', 'un membre du CDESS', 'Sacha Membre du CDESS'],
  ['SOLIDARITY_FINANCE_PARTNER', 'un partenaire de la finance solidaire', 'Morgan Finance solidaire'],
  ['QUALIFIED_PERSON', 'une personne qualifiée', 'Claude Personne qualifiée'],
];

/** Fills dossier `id` as a complete one: analyses of steps 1–3 and a favourable opinion. */
export async function prepareReportDossier(dataSource, id, userId) {
  const [dossier] = await dataSource.query(
    'SELECT requested_amount_cents, nominal_share_value_cents FROM dossier WHERE id = $1',
    [id],
  );
  const requested = Number(dossier.requested_amount_cents);
  const nominal = Number(dossier.nominal_share_value_cents);
  const [orientation] = await dataSource.query(
    'SELECT code, competence_code FROM policy_orientation ORDER BY code LIMIT 1',
  );
  const now = new Date();
  const analyses = {
    activity: completeActivityExample(orientation.code, orientation.competence_code),
    essPractices: completeEssExampleFor(nominal),
    economic: completeEconomicExample(requested),
  };
  const manager = dataSource.manager;
  for (const [step, data] of Object.entries(analyses)) {
    const definition = STEP_DEFINITIONS[step];
    await manager.save(
      manager.create(definition.entity, {
        ...definition.toColumns(data),
        dossierId: id,
        version: 1,
        updatedBy: userId,
        updatedAt: now,
      }),
    );
  }
  const session = await manager.save(
    manager.create(CommitteeSession, {
      sessionDate: now.toISOString().slice(0, 10),
      startTime: '14:30',
      place: 'Hôtel du Département',
      createdAt: now,
      createdBy: userId,
      updatedAt: now,
    }),
  );
  const members = SEATS.map(([category, label, displayName], index) => ({
    seat: { category, serviceCode: null, label },
    member: { userId: `00000000-0000-4000-8000-0000000c000${index}`, displayName },
  }));
  await manager.save(
    manager.create(CommitteeOpinion, {
      sessionId: session.id,
      dossierId: id,
      opinion: 'FAVOURABLE',
      motivation: 'Projet coopératif solide, plan de financement équilibré, ancrage territorial réel.',
      conditions: null,
      proposedAmountCents: requested,
      proposedShares: requested / nominal,
      composition: {
        complete: true,
        seats: members.map(({ seat, member }) => ({ ...seat, member })),
        missing: [],
        sitting: members.map(({ member }) => member),
        recused: [],
        absent: [],
        undeclared: [],
        problems: [],
      },
      recordedAt: now,
      recordedBy: userId,
    }),
  );
}

/** Sequential GETs of the dossier's report.pdf (after a warm-up): p50, p95 and their ratio to the budget. */
export async function measureReportPdf(client, id, { samples = 40, warmup = 5 } = {}) {
  const path = `/api/dossiers/${id}/report.pdf`;
  const first = await client.get(path);
  if (first.status !== 200 || !first.text.startsWith('%PDF-')) {
    throw new Error(`GET ${path}: ${first.status} ${first.text.slice(0, 200)}`);
  }
  for (let i = 1; i < warmup; i++) await client.get(path);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await client.get(path);
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  }
  const p50 = round(percentile(times, 50), 1);
  const p95 = round(percentile(times, 95), 1);
  return {
    samples,
    p50,
    p95,
    max: round(Math.max(...times), 1),
    budgetMs: REPORT_BUDGET_MS,
    p50ToBudget: round(p50 / REPORT_BUDGET_MS, 2),
    p95ToBudget: round(p95 / REPORT_BUDGET_MS, 2),
  };
}
