import { createHash } from 'node:crypto';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  entryHash,
  type ChainVerification,
  type ChainedContent,
  type ChainedEntry,
} from './hash-chain.js';

const DOSSIER_ID = '6f1c2a8e-2b7d-4c1e-9a55-0d3b8f6a9e10';

function content(seq: number, payload: Record<string, unknown> = { n: seq }): ChainedContent {
  return {
    dossierId: DOSSIER_ID,
    seq,
    type: seq === 1 ? 'DOSSIER_CREATED' : 'EVENT_APPLIED',
    actorId: 'agent.ess',
    actorRole: 'CHARGE_MISSION',
    occurredAt: new Date(Date.UTC(2025, 0, seq, 9, 30)),
    payload,
  };
}

/** A well-formed chain of `length` entries, seq 1..length. */
function chain(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const entry = content(seq, { n: seq, note: `entrée ${seq}`, nested: { b: [seq, null], a: true } });
    const hash = entryHash(prevHash, entry);
    entries.push({ ...entry, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function verify(...batches: ChainedEntry[][]): ChainVerification {
  const verifier = new ChainVerifier();
  for (const batch of batches) verifier.feed(batch);
  return verifier.result();
}

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['true', true, 'true'],
    ['an integer', 42, '42'],
    ['a negative decimal', -1.5, '-1.5'],
    ['negative zero (as JSON does)', -0, '0'],
    ['a string with quotes and accents', 'l\'"élu"', '"l\'\\"élu\\""'],
    ['an empty object', {}, '{}'],
    ['an empty array', [], '[]'],
    ['top-level keys sorted', { b: 1, a: 2, c: 3 }, '{"a":2,"b":1,"c":3}'],
    ['keys sorted by code unit (uppercase before lowercase)', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
    [
      'keys sorted at every depth',
      { z: { y: { x: 1, w: 2 }, v: 3 }, a: [{ d: 1, c: 2 }] },
      '{"a":[{"c":2,"d":1}],"z":{"v":3,"y":{"w":2,"x":1}}}',
    ],
    ['undefined members dropped', { a: 1, b: undefined, c: { d: undefined } }, '{"a":1,"c":{}}'],
    ['null members kept', { a: null }, '{"a":null}'],
    ['array order kept', [3, 1, 2], '[3,1,2]'],
    ['array of objects: order kept, keys sorted', [{ b: 1, a: 1 }, { a: 2 }], '[{"a":1,"b":1},{"a":2}]'],
    ['undefined inside an array → null (as JSON.stringify)', [1, undefined, 3], '[1,null,3]'],
    ['a Date → ISO string', new Date(Date.UTC(2025, 5, 30, 12, 0, 0, 5)), '"2025-06-30T12:00:00.005Z"'],
    ['a nested Date → ISO string', { at: new Date(Date.UTC(2024, 1, 29)) }, '{"at":"2024-02-29T00:00:00.000Z"}'],
    ['numeric-looking keys sorted as strings', { 10: 'a', 9: 'b', 1: 'c' }, '{"1":"c","10":"a","9":"b"}'],
  ])('%s', (_scenario, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['NaN nested in an object', { a: { b: Number.NaN } }],
    ['Infinity nested in an array', [1, Number.POSITIVE_INFINITY]],
    ['a function', () => 1],
    ['a function as a member', { f: () => 1 }],
    ['a bigint', 10n],
    ['a bigint as a member', { amount: 10n }],
    ['a symbol', Symbol('s')],
    ['undefined at top level', undefined],
  ])('refuses %s', (_scenario, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('names the non-finite number and the unsupported type in its errors', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/Non-finite number/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ amount: 10n })).toThrow(/bigint/);
  });

  it('parses back to the same value as JSON.stringify would give (keys aside)', () => {
    const value = { b: [1, 'deux', { d: null, c: false }], a: { é: 'x' } };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('entryHash', () => {
  const base = content(3, { amountCents: 150000, decision: { outcome: 'APPROVED', by: 'élus' } });

  it('is SHA-256 of prevHash followed by the canonical JSON of the covered fields', () => {
    const prev = 'a'.repeat(64);
    const expected = createHash('sha256')
      .update(prev + canonicalJson({ ...base }))
      .digest('hex');
    expect(entryHash(prev, base)).toBe(expected);
    expect(entryHash(prev, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, ChainedContent]>([
    [
      'top-level keys in another order',
      {
        payload: base.payload,
        occurredAt: base.occurredAt,
        actorRole: base.actorRole,
        actorId: base.actorId,
        type: base.type,
        seq: base.seq,
        dossierId: base.dossierId,
      },
    ],
    [
      'payload keys in another order (as jsonb may return them)',
      { ...base, payload: { decision: { by: 'élus', outcome: 'APPROVED' }, amountCents: 150000 } },
    ],
    ['a copy of the Date', { ...base, occurredAt: new Date(base.occurredAt.getTime()) }],
    [
      'a stored row carrying id, prevHash and hash',
      { ...base, id: '42', prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } as ChainedContent,
    ],
    ['any other extra field', { ...base, createdAt: new Date(), extra: { x: 1 } } as ChainedContent],
  ])('is stable across %s', (_scenario, variant) => {
    expect(entryHash(GENESIS_HASH, variant)).toBe(entryHash(GENESIS_HASH, base));
  });

  it.each<[string, ChainedContent | null, string]>([
    ['another previous hash', null, '1'.repeat(64)],
    ['another dossier', { ...base, dossierId: '00000000-0000-0000-0000-000000000000' }, GENESIS_HASH],
    ['another seq', { ...base, seq: 4 }, GENESIS_HASH],
    ['another type', { ...base, type: 'OTHER' }, GENESIS_HASH],
    ['another actor', { ...base, actorId: 'someone.else' }, GENESIS_HASH],
    ['another role', { ...base, actorRole: 'ELU' }, GENESIS_HASH],
    ['another instant (1 ms later)', { ...base, occurredAt: new Date(base.occurredAt.getTime() + 1) }, GENESIS_HASH],
    ['a changed payload value', { ...base, payload: { ...base.payload, amountCents: 150001 } }, GENESIS_HASH],
    ['an added payload member', { ...base, payload: { ...base.payload, note: '' } }, GENESIS_HASH],
  ])('changes with %s', (_scenario, variant, prev) => {
    expect(entryHash(prev, variant ?? base)).not.toBe(entryHash(GENESIS_HASH, base));
  });
});

describe('ChainVerifier', () => {
  const good = chain(6);

  function tamper(entries: ChainedEntry[], seq: number, change: (entry: ChainedEntry) => ChainedEntry): ChainedEntry[] {
    return entries.map((entry) => (entry.seq === seq ? change(entry) : entry));
  }

  it.each<[string, ChainedEntry[], ChainVerification]>([
    ['empty input', [], { valid: true, entries: 0, firstBrokenSeq: null }],
    ['a single genesis entry', chain(1), { valid: true, entries: 1, firstBrokenSeq: null }],
    ['a valid chain of 6', good, { valid: true, entries: 6, firstBrokenSeq: null }],
    [
      'payload changed at seq 1',
      tamper(good, 1, (e) => ({ ...e, payload: { ...e.payload, n: 99 } })),
      { valid: false, entries: 6, firstBrokenSeq: 1 },
    ],
    [
      'payload changed at seq 4',
      tamper(good, 4, (e) => ({ ...e, payload: { ...e.payload, n: 99 } })),
      { valid: false, entries: 6, firstBrokenSeq: 4 },
    ],
    [
      'payload changed at the last seq (6)',
      tamper(good, 6, (e) => ({ ...e, payload: { ...e.payload, extra: true } })),
      { valid: false, entries: 6, firstBrokenSeq: 6 },
    ],
    [
      'payload changed at seq 3 and its hash recomputed (next link breaks at 4)',
      tamper(good, 3, (e) => {
        const changed = { ...e, payload: { forged: true } };
        return { ...changed, hash: entryHash(changed.prevHash, changed) };
      }),
      { valid: false, entries: 6, firstBrokenSeq: 4 },
    ],
    [
      'actor changed at seq 2',
      tamper(good, 2, (e) => ({ ...e, actorId: 'intrus' })),
      { valid: false, entries: 6, firstBrokenSeq: 2 },
    ],
    [
      'occurredAt moved by 1 ms at seq 5',
      tamper(good, 5, (e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 1) })),
      { valid: false, entries: 6, firstBrokenSeq: 5 },
    ],
    [
      'stored hash altered at seq 3',
      tamper(good, 3, (e) => ({ ...e, hash: '0'.repeat(63) + '1' })),
      { valid: false, entries: 6, firstBrokenSeq: 3 },
    ],
    ['missing entry (seq 3 deleted)', good.filter((e) => e.seq !== 3), { valid: false, entries: 5, firstBrokenSeq: 3 }],
    ['missing first entry', good.slice(1), { valid: false, entries: 5, firstBrokenSeq: 1 }],
    [
      'missing last entry (a truncated tail still verifies)',
      good.slice(0, 5),
      { valid: true, entries: 5, firstBrokenSeq: null },
    ],
    [
      'duplicated seq (entry 2 repeated)',
      [good[0], good[1], good[1], ...good.slice(2)],
      { valid: false, entries: 7, firstBrokenSeq: 2 },
    ],
    [
      'wrong genesis prevHash (entry self-consistent)',
      (() => {
        const first = content(1);
        const prevHash = 'f'.repeat(64);
        return [{ ...first, prevHash, hash: entryHash(prevHash, first) }];
      })(),
      { valid: false, entries: 1, firstBrokenSeq: 1 },
    ],
    [
      'chain starting at seq 0',
      [{ ...content(0), prevHash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, content(0)) }],
      { valid: false, entries: 1, firstBrokenSeq: 0 },
    ],
    [
      'two entries swapped',
      [good[0], good[2], good[1], ...good.slice(3)],
      { valid: false, entries: 6, firstBrokenSeq: 2 },
    ],
  ])('%s', (_scenario, entries, expected) => {
    expect(verify(entries)).toEqual(expected);
  });

  it.each<[string, number[]]>([
    ['one entry a batch', [1, 1, 1, 1, 1, 1]],
    ['two batches of 3', [3, 3]],
    ['uneven batches', [1, 4, 1]],
    ['with empty batches in between', [0, 2, 0, 4, 0]],
  ])('gives the same result fed in several batches (%s) as in one', (_scenario, sizes) => {
    const split = (entries: ChainedEntry[]) => {
      const batches: ChainedEntry[][] = [];
      let start = 0;
      for (const size of sizes) {
        batches.push(entries.slice(start, start + size));
        start += size;
      }
      expect(start).toBe(entries.length);
      return batches;
    };
    const broken = tamper(good, 4, (e) => ({ ...e, payload: { n: 0 } }));
    expect(verify(...split(good))).toEqual(verify(good));
    expect(verify(...split(good))).toEqual({ valid: true, entries: 6, firstBrokenSeq: null });
    expect(verify(...split(broken))).toEqual(verify(broken));
    expect(verify(...split(broken))).toEqual({ valid: false, entries: 6, firstBrokenSeq: 4 });
  });

  it('accepts any iterable (a generator) as a batch', () => {
    const verifier = new ChainVerifier();
    verifier.feed(
      (function* () {
        yield* good;
      })(),
    );
    expect(verifier.result()).toEqual({ valid: true, entries: 6, firstBrokenSeq: null });
  });

  it('keeps the first break when later entries are broken too', () => {
    const doubly = tamper(
      tamper(good, 2, (e) => ({ ...e, type: 'X' })),
      5,
      (e) => ({ ...e, type: 'Y' }),
    );
    expect(verify(doubly)).toEqual({ valid: false, entries: 6, firstBrokenSeq: 2 });
  });

  it('verifies rows read back from the database (Date revived, extra id column)', () => {
    const rows = good.map(
      (entry, index) =>
        JSON.parse(JSON.stringify({ id: String(100 + index), ...entry })) as ChainedEntry & { occurredAt: string },
    );
    const revived = rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
    expect(verify(revived)).toEqual({ valid: true, entries: 6, firstBrokenSeq: null });
  });
});
