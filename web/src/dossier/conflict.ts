/** What changed between two versions of a form's data, field by field (for the 412 panel). */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(path, '');
    value.forEach((item, index) => flatten(item, `${path}.${index}`, into));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, into);
  } else {
    into.set(path, value ?? '');
  }
}

export function diff(before: unknown, after: unknown): Change[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(before, '', left);
  flatten(after, '', right);
  const paths = new Set([...left.keys(), ...right.keys()]);
  return [...paths]
    .filter((path) => JSON.stringify(left.get(path) ?? '') !== JSON.stringify(right.get(path) ?? ''))
    .map((path) => ({ path, before: left.get(path) ?? '', after: right.get(path) ?? '' }));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  parts.slice(0, -1).forEach((part, index) => {
    const key = part as keyof typeof node;
    if ((node as Record<string, unknown>)[key] === null || typeof (node as Record<string, unknown>)[key] !== 'object') {
      (node as Record<string, unknown>)[key] = /^\d+$/.test(parts[index + 1]) ? [] : {};
    }
    node = (node as Record<string, unknown>)[key] as Record<string, unknown>;
  });
  (node as Record<string, unknown>)[parts[parts.length - 1]] = value;
}

/**
 * The other person's version with the user's own changes (from `base` to `mine`) applied
 * on top: what "keep my typing" saves, so that fields only the other person changed keep
 * their new value.
 */
export function rebase<T>(base: T, mine: T, latest: T): T {
  const result = structuredClone(latest) as Record<string, unknown>;
  for (const change of diff(base, mine)) {
    const wasArray = Array.isArray(
      change.path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], base),
    );
    setPath(result, change.path, change.after === '' ? (wasArray ? [] : null) : change.after);
  }
  return result as T;
}
