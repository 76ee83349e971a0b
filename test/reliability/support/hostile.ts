/**
 * Hostile input for the routes of the OpenAPI document: fast-check arbitraries for path
 * values, query strings, headers and bodies — valid values from each route's schema, the
 * same with one field broken (wrong type, boundary, missing, unknown, prototype keys), and
 * raw bodies no schema describes (deep JSON, invalid JSON, oversize).
 */
import fc from 'fast-check';

/** Markup that would run if a page inserted it unescaped; each names `rel_xss` so that it is recognised. */
export const SCRIPT_PAYLOADS = [
  '<script>rel_xss()</script>',
  '"><img src=x onerror=rel_xss()>',
  "'><svg onload=rel_xss()>",
] as const;
/** The same, as found unescaped in an answer. */
export const UNESCAPED_SCRIPT = /<script>rel_xss|<img src=x onerror=rel_xss|<svg onload=rel_xss/i;

const HOSTILE_STRINGS = [
  ...SCRIPT_PAYLOADS,
  'javascript:rel_xss()',
  '{{constructor.constructor("rel_xss()")()}}',
  '${rel_xss()}',
  "' OR '1'='1",
  "'; DROP TABLE dossier; --",
  '1) OR (1=1) --',
  "' UNION SELECT password_hash FROM app_user --",
  '$1',
  '%',
  '_',
  '\\',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  '\u0000',
  '\u202Eexe.pdf',
  '\uD800',
  'e\u0301',
  '𝕏😀👩‍👩‍👧',
  '\r\n\t',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '１２３',
  'null',
  'true',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a'.repeat(256),
  'a'.repeat(10_001),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1 }) },
  // Past the URL and header limits (414, 431); in a body, under the body limit.
  { weight: 1, arbitrary: fc.constant('𝕏'.repeat(100_000)) },
);

const BOUNDARY_NUMBERS = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  5e-324,
];

export const boundaryNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** `{ "a": { "a": … } }`, `depth` levels. */
export function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Any JSON value of the wrong kind for a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: boundaryNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { $gt: '' }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(nested(64), nested(2000)) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 20_000 }, (_, i) => i)) },
);

type Schema = Record<string, any>;

/** A schema's value: mostly valid (examples, enums, bounds), sometimes hostile where a string goes. */
export function schemaValue(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return schemaValue(components[schema.$ref.split('/').pop()], components, depth);
  if (schema.allOf) return schemaValue(schema.allOf[0], components, depth);
  if (schema.oneOf || schema.anyOf)
    return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: Schema) => schemaValue(s, components, depth)));
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, hostileString);
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  switch (schema.type) {
    case 'string': {
      const sized = [schema.minLength, schema.maxLength, schema.maxLength + 1]
        .filter((length) => Number.isInteger(length) && length >= 0)
        .map((length) => fc.constant('é'.repeat(length)));
      const formatted =
        schema.format === 'date'
          ? [fc.constantFrom(dayFromToday(20), dayFromToday(-3), '2026-02-30', '31/12/2026')]
          : schema.format === 'email'
            ? [fc.constantFrom('rel.fuzz@example.org', 'pas-une-adresse', 'a@b')]
            : [];
      return fc.oneof(...example, ...formatted, ...sized, fc.string({ maxLength: 40 }), hostileString);
    }
    case 'number':
    case 'integer': {
      const bounds = [schema.minimum, schema.maximum, schema.minimum - 1, schema.maximum + 1].filter(Number.isFinite);
      return fc.oneof(...example, ...bounds.map((value) => fc.constant(value)), boundaryNumber);
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(schemaValue(schema.items ?? {}, components, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      if (!schema.properties) return fc.oneof(...example, fc.constant({}));
      if (depth > 3) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(schema.properties))
        record[key] = schemaValue(property as Schema, components, depth + 1);
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
  }
}

/** Every property name a schema mentions, at any depth (where a broken field may go). */
export function propertyNames(schema: Schema, components: Record<string, Schema>, seen = new Set<Schema>()): string[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) return propertyNames(components[schema.$ref.split('/').pop()], components, seen);
  const parts = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  const own = Object.keys(schema.properties ?? {});
  return [
    ...own,
    ...Object.values(schema.properties ?? {}).flatMap((property) =>
      propertyNames(property as Schema, components, seen),
    ),
    ...(schema.items ? propertyNames(schema.items, components, seen) : []),
    ...parts.flatMap((part: Schema) => propertyNames(part, components, seen)),
  ];
}

type Mutation =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'delete'; key: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'replace'; value: unknown };

/** A valid-looking body with one thing wrong with it. */
export function brokenValue(valid: fc.Arbitrary<unknown>, keys: string[]): fc.Arbitrary<unknown> {
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('type');
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        key: fc.constantFrom('isAdmin', 'role', 'id', 'version', 'createdBy', '$where', 'polluted'),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: hostileValue }) },
  );
  return fc.tuple(valid, mutation).map(([value, change]) => mutate(value, change));
}

function mutate(value: unknown, change: Mutation): unknown {
  if (change.kind === 'replace' || !value || typeof value !== 'object')
    return change.kind === 'replace' ? change.value : value;
  const copy = structuredClone(value) as Record<string, unknown>;
  // The innermost object holding the key, else the top level.
  const holder = findHolder(copy, 'key' in change ? change.key : '') ?? copy;
  if (change.kind === 'set' || change.kind === 'extra') holder[change.key] = change.value;
  else delete holder[change.key];
  return copy;
}

function findHolder(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (Object.hasOwn(value, key)) return value as Record<string, unknown>;
  for (const child of Object.values(value)) {
    const found = findHolder(child, key);
    if (found) return found;
  }
  return undefined;
}

/** Bodies as raw text: what no schema generator makes. */
export const rawBody: fc.Arbitrary<{ text: string; contentType?: string }> = fc.oneof(
  fc.constantFrom(
    { text: '{"__proto__":{"polluted":true,"isAdmin":true}}' },
    { text: '{"constructor":{"prototype":{"polluted":true}}}' },
    { text: '{"type":"SUBMIT","__proto__":{"role":"admin"}}' },
    { text: '['.repeat(5_000) + ']'.repeat(5_000) },
    { text: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) },
    { text: '{"a":'.repeat(300_000) + '1' + '}'.repeat(300_000) },
    { text: '{"a": 1,' },
    { text: "{'a': 1}" },
    { text: '' },
    { text: 'null' },
    { text: '"texte"' },
    { text: '12' },
    { text: '\uFEFF{}' },
    { text: '{"a":"\\ud800"}' },
    { text: `{"a":"${'x'.repeat(1_100_000)}"}` },
    { text: 'type=SUBMIT&role=admin', contentType: 'application/x-www-form-urlencoded' },
    { text: '{"type":"SUBMIT"}', contentType: 'text/plain' },
    { text: '{"type":"SUBMIT"}', contentType: 'application/json; charset=utf-16' },
    {
      text: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
      contentType: 'application/xml',
    },
    {
      text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      contentType: 'multipart/form-data; boundary=x',
    },
  ),
  fc.json().map((text) => ({ text })),
);

/** Values for a path parameter: one of the known ids mostly (to reach the handlers), hostile otherwise. */
export function pathValue(known: string[]): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    fc.constantFrom(
      '../../../../etc/passwd',
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '%00',
      "' OR '1'='1",
      '<script>rel_xss()</script>',
      '0',
      '-1',
      '99999999999999999999',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '__proto__',
      'constructor',
      'a'.repeat(3_000),
    ),
    hostileString,
  );
  return known.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostile })
    : hostile;
}

export const queryPairs = (declared: string[]): fc.Arbitrary<[string, string][]> =>
  fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: declared.length ? fc.constantFrom(...declared) : fc.constant('q') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('__proto__[polluted]', 'constructor[prototype][x]', 'a[b][c]', 'sort[]', ''),
        },
      ),
      fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constantFrom('1', '0', '-1', '100000', 'true', 'instruction', '-createdAt', '1.5', ''),
        },
        { weight: 3, arbitrary: hostileString },
      ),
    ),
    { maxLength: 4 },
  );

/** Optional hostile headers; values a client cannot send (control characters) are dropped when sending. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'if-match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"2"', '"-1"', '"99999999999"', 'abc'), hostileString),
    'idempotency-key': fc.oneof(fc.constantFrom('k', 'a'.repeat(201)), hostileString),
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
      '',
    ),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '127.0.0.1, 10.0.0.1', 'not-an-ip'),
    'accept-language': fc.constantFrom('fr', 'en', '*', 'zz-ZZ;q=2'),
    origin: fc.constantFrom('https://evil.example', 'null'),
    'x-http-method-override': fc.constantFrom('DELETE', 'PUT'),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
    'x-large': fc.constantFrom('a'.repeat(9_000), 'a'.repeat(20_000)),
  },
  { requiredKeys: [] },
);

function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
