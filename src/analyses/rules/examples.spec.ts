import fc from 'fast-check';
import { amountCheck } from '../../dossiers/amount-rules.js';
import { publicHoldingsFigures } from './public-holdings.js';
import { activityCompletenessProblems } from './activity-rules.js';
import { economicCompletenessProblems } from './economic-rules.js';
import { essCompliance } from './ess-compliance.js';
import {
  completeActivityExample,
  completeEconomicExample,
  completeEssExample,
  EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
} from './examples.js';
import { planTotals } from './financing-plan.js';
import { ratiosTable } from './ratios.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

describe('complete examples (used by the e2e helpers)', () => {
  it('activity: complete for the orientation and competence it is given', () => {
    const orientation = {
      code: 'ORI',
      label: 'Orientation',
      competenceCode: 'COMP',
      competenceLabel: 'Compétence',
      serviceCodes: [],
      active: true,
    };
    expect(activityCompletenessProblems(completeActivityExample('ORI', 'COMP'), [orientation])).toEqual([]);
  });

  it('ESS: complete, every check OK, cap table consistent with shares of 100 €', () => {
    const data = completeEssExample();
    const { checks, problems } = essCompliance(data, {
      thresholds: DEFAULT_THRESHOLDS,
      today: '2026-01-01',
      nominalShareValueCents: EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
      employeesFte: 8.5,
    });
    expect(problems).toEqual([]);
    expect(checks.every((check) => check.status === 'OK')).toBe(true);
    expect(data.currentCapitalCents).toBe((data.numberOfShares as number) * EXAMPLE_NOMINAL_SHARE_VALUE_CENTS);
  });

  it('ESS: public holdings well under 50 %, leaving room for a stake', () => {
    const data = completeEssExample();
    const check = amountCheck({
      amountCents: 500_000,
      requestedAmountCents: 500_000,
      nominalShareValueCents: EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
      capTable: { currentCapitalCents: data.currentCapitalCents as number, ...publicHoldingsFigures(data) },
      position: { stakesInForceCents: 0, pendingCents: 0, dossiers: [] },
      publicCapBasisPoints: DEFAULT_THRESHOLDS.PUBLIC_CAP_BP,
      ceilingPerScicCents: DEFAULT_THRESHOLDS.CEILING_PER_SCIC_CENTS,
      envelope: null,
    });
    expect(check.problems).toEqual([]);
  });

  it('each call returns a fresh object', () => {
    const first = completeEssExample();
    first.markers.pop();
    expect(completeEssExample().markers).toHaveLength(6);
    const economic = completeEconomicExample(100_000);
    economic.statements.pop();
    expect(completeEconomicExample(100_000).statements).toHaveLength(6);
  });

  it('economic: property — complete and balanced for any requested amount of whole shares, no ratio alert', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (shares) => {
        const requested = shares * EXAMPLE_NOMINAL_SHARE_VALUE_CENTS;
        const data = completeEconomicExample(requested);
        expect(
          economicCompletenessProblems(data, {
            requestedAmountCents: requested,
            thresholds: DEFAULT_THRESHOLDS,
            nominalShareValueCents: EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
          }),
        ).toEqual([]);
        expect(data.instruments.capitalStakeCents).toBe(requested);
        expect(planTotals(data.financingPlan).balanced).toBe(true);
      }),
    );
    const table = ratiosTable(completeEconomicExample(100_000).statements, DEFAULT_THRESHOLDS);
    expect(table.flatMap((row) => row.ratios).every((ratio) => ratio.status === 'OK')).toBe(true);
  });
});
