import type { ValueTransformer } from 'typeorm';

/**
 * Money is stored as integer cents in `bigint` (never floating point). pg returns bigint
 * as a string; amounts here stay far below 2^53, so they are exposed as numbers and any
 * value beyond the safe range is refused rather than rounded.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} exceeds the safe integer range`);
    return parsed;
  },
};
