/**
 * The field-level difference between two versions of an analysis, for the journal
 * (DESIGN §6: "the data diff"): one entry per leaf that changed, with its path
 * (`memberCategories[1].label`), the value before and after. An item added to or removed
 * from a list appears whole, with `null` on the missing side.
 */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function fieldDiff(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const itemPath = `${path}[${index}]`;
      if (index >= before.length) changes.push({ path: itemPath, before: null, after: after[index] });
      else if (index >= after.length) changes.push({ path: itemPath, before: before[index], after: null });
      else changes.push(...fieldDiff(before[index], after[index], itemPath));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldDiff(before[key] ?? null, after[key] ?? null, path ? `${path}.${key}` : key));
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
}
