/**
 * Step 3 — the financing plan's totals. Uses and resources must balance to the cent
 * (DOMAIN step 3): sums are exact (BigInt, so that many large lines never lose a cent).
 * Pure.
 */
import type { FinancingPlan } from '../analysis.types.js';

export interface PlanTotals {
  usesCents: number;
  resourcesCents: number;
  /** Resources minus uses: positive when resources exceed uses. */
  differenceCents: number;
  balanced: boolean;
}

/**
 * Exact sum of whole cents. A fractional amount (which validation refuses) makes the sum
 * NaN rather than throwing: the plan then never reads as balanced.
 */
function exactSum(lines: readonly { amountCents: number }[]): bigint | null {
  let total = 0n;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountCents)) return null;
    total += BigInt(line.amountCents);
  }
  return total;
}

export function planTotals(plan: FinancingPlan): PlanTotals {
  const uses = exactSum(plan.uses);
  const resources = exactSum(plan.resources);
  if (uses === null || resources === null) {
    return { usesCents: Number.NaN, resourcesCents: Number.NaN, differenceCents: Number.NaN, balanced: false };
  }
  return {
    usesCents: Number(uses),
    resourcesCents: Number(resources),
    differenceCents: Number(resources - uses),
    balanced: uses === resources,
  };
}
