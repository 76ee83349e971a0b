import fc from 'fast-check';
import type { FinancingPlan } from '../analysis.types.js';
import { planTotals } from './financing-plan.js';

const plan = (uses: number[], resources: number[]): FinancingPlan => ({
  uses: uses.map((amountCents) => ({ category: 'INVESTMENT', label: 'Emploi', amountCents })),
  resources: resources.map((amountCents) => ({ category: 'SUBSIDY', label: 'Ressource', amountCents })),
});

describe('planTotals', () => {
  it.each<[string, number[], number[], number, number, number, boolean]>([
    ['empty plan', [], [], 0, 0, 0, true],
    ['balanced to the cent', [100_000, 50_001], [75_000, 75_001], 150_001, 150_001, 0, true],
    ['one cent more resources', [100_000], [100_001], 100_000, 100_001, 1, false],
    ['one cent more uses', [100_001], [100_000], 100_001, 100_000, -1, false],
    ['uses only', [5_000], [], 5_000, 0, -5_000, false],
    // 0.1 + 0.2 ≠ 0.3 in floating point: cents are integers, and summed as such.
    ['many small lines', [10, 20], [30], 30, 30, 0, true],
  ])('%s', (_scenario, uses, resources, usesCents, resourcesCents, differenceCents, balanced) => {
    expect(planTotals(plan(uses, resources))).toEqual({ usesCents, resourcesCents, differenceCents, balanced });
  });

  it('sums beyond 2^53 exactly (no cent lost)', () => {
    const big = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    // big + 1 + 1 would round to 2^53 twice in floating point; exact sums tell them apart.
    expect(planTotals(plan([big, 1, 1], [big, 2])).balanced).toBe(true);
    expect(planTotals(plan([big, 1, 1], [big, 1])).balanced).toBe(false);
  });

  it('a fractional amount (refused by validation) never reads as balanced, and does not throw', () => {
    const totals = planTotals(plan([0.5], [0.5]));
    expect(totals.balanced).toBe(false);
    expect(totals.usesCents).toBeNaN();
  });

  const amounts = fc.array(fc.integer({ min: 0, max: 10 ** 12 }), { maxLength: 20 });

  it('property: balanced iff uses = resources, and the difference is resources − uses', () => {
    fc.assert(
      fc.property(amounts, amounts, (uses, resources) => {
        const totals = planTotals(plan(uses, resources));
        const sum = (list: number[]) => list.reduce((total, amount) => total + BigInt(amount), 0n);
        expect(totals.balanced).toBe(sum(uses) === sum(resources));
        expect(totals.differenceCents).toBe(Number(sum(resources) - sum(uses)));
      }),
    );
  });

  it('property: moving any amount from one resource line to another keeps a balanced plan balanced', () => {
    fc.assert(
      fc.property(amounts, fc.nat(), (uses, split) => {
        const total = uses.reduce((sum, amount) => sum + amount, 0);
        const first = total === 0 ? 0 : split % (total + 1);
        expect(planTotals(plan(uses, [first, total - first])).balanced).toBe(true);
        expect(planTotals(plan(uses, [first, total - first + 1])).balanced).toBe(false);
      }),
    );
  });
});
