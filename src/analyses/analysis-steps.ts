/**
 * The three analyses described once each: their table, how a row maps to the data the
 * rules read, how a saved body maps back, and what the rules say of the data. The
 * service, the workflow's facts and the controller all go through these definitions, so
 * "complete" means the same thing in the form, in the API and in the guard.
 */
import type { Problem } from '../workflow/dossier.events.js';
import { ActivityAnalysis } from './activity-analysis.entity.js';
import type { AnalysisRow } from './analysis-columns.js';
import type { ActivityAnalysisData, EconomicAnalysisData, EssPracticesData, Thresholds } from './analysis.types.js';
import { EconomicAnalysis } from './economic-analysis.entity.js';
import { EssPracticesAnalysis } from './ess-practices-analysis.entity.js';
import {
  activityCompletenessProblems,
  unknownOrientationProblems,
  type OrientationRef,
} from './rules/activity-rules.js';
import { planTotals } from './rules/financing-plan.js';
import { economicCompletenessProblems } from './rules/economic-rules.js';
import { essCompliance } from './rules/ess-compliance.js';
import { ratiosTable } from './rules/ratios.js';
import type { AdvanceFact } from '../advances/advance-rules.js';

export const ANALYSIS_STEPS = ['activity', 'essPractices', 'economic'] as const;
export type AnalysisStep = (typeof ANALYSIS_STEPS)[number];

/** What the rules need besides the analysis itself, read in the caller's transaction. */
export interface EvaluationContext {
  orientations: readonly OrientationRef[];
  thresholds: Thresholds;
  /** Today in the département's time zone, YYYY-MM-DD. */
  today: string;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  /** The SCIC's shareholder current-account advances, all its dossiers (rule 11, step 3). */
  advances: readonly AdvanceFact[];
}

export interface Evaluation {
  complete: boolean;
  /** What keeps the step from completing (the same list the guard returns in its 409). */
  problems: Problem[];
  /** Step-specific computed results: compliance checks, ratios, plan totals. */
  computed: Record<string, unknown>;
}

export interface StepDefinition<Data> {
  step: AnalysisStep;
  /** The path segment of the API: /analyses/<path>. */
  path: string;
  entity: new () => AnalysisRow;
  /** The data of a step nobody has saved yet. */
  empty(): Data;
  toData(row: AnalysisRow): Data;
  /** Column values for the row, from validated data. */
  toColumns(data: Data): Record<string, unknown>;
  /** Input that names what does not exist (422 at save time, nothing written). */
  inputProblems(data: Data, context: EvaluationContext): Problem[];
  evaluate(data: Data, context: EvaluationContext): Evaluation;
}

function evaluation(problems: Problem[], computed: Record<string, unknown> = {}): Evaluation {
  return { complete: problems.length === 0, problems, computed };
}

/** numeric columns come back from pg as strings. */
function decimal(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

function futureDateProblem(field: string, date: string | null, today: string, label: string): Problem[] {
  return date !== null && date > today
    ? [{ field, code: 'DATE_IN_FUTURE', message: `${label} ne peut pas être dans le futur.` }]
    : [];
}

export const ACTIVITY_STEP: StepDefinition<ActivityAnalysisData> = {
  step: 'activity',
  path: 'activity',
  entity: ActivityAnalysis,
  empty: () => ({
    creationDate: null,
    registeredAddress: null,
    territoryServed: null,
    sector: null,
    activitiesDescription: null,
    employeesFte: null,
    beneficiariesReached: null,
    turnoverCents: null,
    orientationCodes: [],
    competenceCode: null,
    fitAssessment: null,
    conclusion: null,
    comments: null,
  }),
  toData: (row) => {
    const r = row as ActivityAnalysis;
    return {
      creationDate: r.creationDate,
      registeredAddress: r.registeredAddress,
      territoryServed: r.territoryServed,
      sector: r.sector,
      activitiesDescription: r.activitiesDescription,
      employeesFte: decimal(r.employeesFte),
      beneficiariesReached: r.beneficiariesReached,
      turnoverCents: r.turnoverCents,
      orientationCodes: r.orientationCodes,
      competenceCode: r.competenceCode,
      fitAssessment: r.fitAssessment,
      conclusion: r.conclusion,
      comments: r.comments,
    };
  },
  toColumns: (data) => ({ ...data, employeesFte: data.employeesFte === null ? null : String(data.employeesFte) }),
  inputProblems: (data, context) => [
    ...unknownOrientationProblems(data, context.orientations),
    ...futureDateProblem('creationDate', data.creationDate, context.today, 'La date de création'),
  ],
  evaluate: (data, context) => evaluation(activityCompletenessProblems(data, context.orientations)),
};

export const ESS_PRACTICES_STEP: StepDefinition<EssPracticesData> = {
  step: 'essPractices',
  path: 'ess-practices',
  entity: EssPracticesAnalysis,
  empty: () => ({
    memberCategories: [],
    hasVotingColleges: null,
    votingColleges: [],
    currentCapitalCents: null,
    numberOfShares: null,
    publicHolders: [],
    indivisibleReservesBasisPoints: null,
    legalReserveBasisPoints: null,
    legalReserveAmountCents: null,
    highestCapitalCents: null,
    interestOnSharesBasisPoints: null,
    lastCooperativeRevisionDate: null,
    wageScaleRatio: null,
    governance: null,
    cooperativeProject: null,
    markers: [],
    conclusion: null,
    comments: null,
  }),
  toData: (row) => {
    const r = row as EssPracticesAnalysis;
    return {
      memberCategories: r.memberCategories,
      hasVotingColleges: r.hasVotingColleges,
      votingColleges: r.votingColleges,
      currentCapitalCents: r.currentCapitalCents,
      numberOfShares: r.numberOfShares,
      publicHolders: r.publicHolders,
      indivisibleReservesBasisPoints: r.indivisibleReservesBasisPoints,
      legalReserveBasisPoints: r.legalReserveBasisPoints,
      legalReserveAmountCents: r.legalReserveAmountCents,
      highestCapitalCents: r.highestCapitalCents,
      interestOnSharesBasisPoints: r.interestOnSharesBasisPoints,
      lastCooperativeRevisionDate: r.lastCooperativeRevisionDate,
      wageScaleRatio: decimal(r.wageScaleRatio),
      governance: r.governance,
      cooperativeProject: r.cooperativeProject,
      markers: r.markers,
      conclusion: r.conclusion,
      comments: r.comments,
    };
  },
  toColumns: (data) => ({ ...data, wageScaleRatio: data.wageScaleRatio === null ? null : String(data.wageScaleRatio) }),
  inputProblems: (data, context) => {
    const seen = new Set<string>();
    const duplicates = data.markers.filter((marker) => seen.size === seen.add(marker.marker).size);
    return [
      ...duplicates.map((marker) => ({
        field: 'markers',
        code: 'DUPLICATE_MARKER',
        message: `Le marqueur ${marker.marker} est noté deux fois.`,
      })),
      ...futureDateProblem(
        'lastCooperativeRevisionDate',
        data.lastCooperativeRevisionDate,
        context.today,
        'La date de la dernière révision coopérative',
      ),
    ];
  },
  evaluate: (data, context) => {
    const { checks, problems } = essCompliance(data, {
      thresholds: context.thresholds,
      today: context.today,
      nominalShareValueCents: context.nominalShareValueCents,
    });
    return evaluation(problems, { checks });
  },
};

export const ECONOMIC_STEP: StepDefinition<EconomicAnalysisData> = {
  step: 'economic',
  path: 'economic',
  entity: EconomicAnalysis,
  empty: () => ({
    narrative: { environment: null, positioning: null, means: null, economicAndFinancial: null, risks: null },
    statements: [],
    financingPlan: { uses: [], resources: [] },
    financingNeedCents: null,
    instruments: { capitalStakeCents: null, bankGuarantee: null, solidarityLoan: null, currentAccountAdvance: null },
    conclusion: null,
    comments: null,
  }),
  toData: (row) => {
    const r = row as EconomicAnalysis;
    return {
      narrative: {
        environment: r.environment,
        positioning: r.positioning,
        means: r.means,
        economicAndFinancial: r.economicAndFinancial,
        risks: r.risks,
      },
      statements: r.statements,
      financingPlan: r.financingPlan,
      financingNeedCents: r.financingNeedCents,
      instruments: r.instruments,
      conclusion: r.conclusion,
      comments: r.comments,
    };
  },
  toColumns: ({ narrative, ...rest }) => ({ ...narrative, ...rest }),
  inputProblems: (data) => {
    const seen = new Set<number>();
    return data.statements
      .filter((year) => seen.size === seen.add(year.year).size)
      .map((year) => ({
        field: 'statements',
        code: 'DUPLICATE_YEAR',
        message: `L’exercice ${year.year} est saisi deux fois.`,
      }));
  },
  evaluate: (data, context) =>
    evaluation(
      economicCompletenessProblems(data, {
        requestedAmountCents: context.requestedAmountCents,
        thresholds: context.thresholds,
        advances: context.advances,
      }),
      {
        ratios: ratiosTable(data.statements, context.thresholds),
        planTotals: planTotals(data.financingPlan),
        // The SCIC's advances, for the step-3 page to show beside a recommended advance.
        scicAdvances: context.advances,
      },
    ),
};

export const STEP_DEFINITIONS: { readonly [step in AnalysisStep]: StepDefinition<unknown> } = {
  activity: ACTIVITY_STEP,
  essPractices: ESS_PRACTICES_STEP,
  economic: ECONOMIC_STEP,
};
