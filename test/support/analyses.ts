/**
 * Filling a dossier's analyses in e2e suites: complete, valid data for each step, and
 * the preparation that saves it before the step's completion event (see instruction.ts).
 */
import {
  completeActivityExample,
  completeEconomicExample,
  completeEssExampleFor,
} from '../../src/analyses/rules/examples.js';
import type { InstructionStep } from '../../src/workflow/dossier.events.js';
import type { Preparation } from './instruction.js';
import type { TestApp, TestResponse } from './test-app.js';

/** Seeded orientation (migration AnalysesReferentials): insertion, whose service is the DIE. */
export const TEST_ORIENTATION = { code: 'INSERTION_EMPLOI', competenceCode: 'INSERTION', serviceCodes: ['DIE'] };

export const ANALYSIS_PATHS: Record<InstructionStep, string> = {
  activity: 'activity',
  essPractices: 'ess-practices',
  economic: 'economic',
};

/** A cap table large enough for the default request (see `completeEssExampleFor`). */
export const essPracticesFor = completeEssExampleFor;

/**
 * Step 2 with its reserves said as the law reads them (rule 9): the legal reserve's and the
 * statutory reserve's shares of the results, in basis points, and optionally art. 16's
 * figures (legal reserve built up, highest capital reached). The analysis stores the
 * indivisible reserves legal reserve included, so their sum.
 */
export function essWithReserves(
  nominalShareValueCents: number,
  reserves: {
    legalBasisPoints: number;
    statutoryBasisPoints: number;
    legalReserveAmountCents?: number | null;
    highestCapitalCents?: number | null;
  },
) {
  return {
    ...essPracticesFor(nominalShareValueCents),
    legalReserveBasisPoints: reserves.legalBasisPoints,
    indivisibleReservesBasisPoints: reserves.legalBasisPoints + reserves.statutoryBasisPoints,
    legalReserveAmountCents: reserves.legalReserveAmountCents ?? null,
    highestCapitalCents: reserves.highestCapitalCents ?? null,
  };
}

export async function completeAnalysisData(test: TestApp, dossierId: string, step: InstructionStep) {
  // Read from the database: suites without development identity use it too.
  const [dossier] = await test.dataSource.query(
    'SELECT requested_amount_cents, nominal_share_value_cents FROM dossier WHERE id = $1',
    [dossierId],
  );
  switch (step) {
    case 'activity':
      return completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode);
    case 'essPractices':
      return essPracticesFor(Number(dossier.nominal_share_value_cents));
    case 'economic':
      return completeEconomicExample(Number(dossier.requested_amount_cents));
  }
}

export function saveAnalysis(
  test: TestApp,
  dossierId: string,
  step: InstructionStep,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return test.request({
    method: 'PUT',
    url: `/api/dossiers/${dossierId}/analyses/${ANALYSIS_PATHS[step]}`,
    as: 'instructor',
    body,
    headers,
  });
}

/**
 * Saves a complete analysis when the dossier is at `step`; elsewhere the save is refused
 * (409) and the event that follows meets the refusal the test expects.
 */
export function fillAnalysis(step: InstructionStep): Preparation {
  return async (test, dossierId, body) => {
    const response = await saveAnalysis(test, dossierId, step, await completeAnalysisData(test, dossierId, step));
    if (response.status !== 200 && response.status !== 409 && response.status !== 404) {
      throw new Error(`saving the ${step} analysis failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return body;
  };
}
