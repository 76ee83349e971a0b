/**
 * What must hold for every dossier after a scenario, whatever was killed or restarted:
 * its version is its creation's plus one per acknowledged transition; its journal runs
 * 1…n without a gap and its hash chain is valid; every acknowledged transition is in it,
 * as acknowledged; and nothing is half-written — the dossier's state is its last entry's,
 * every stored idempotent answer names an entry, every entry that asks for a message has
 * exactly one outbox row and every outbox row its entry.
 */
import { send, sessionHeaders, type Session } from './client.js';
import { withClient } from './databases.js';
import type { Ack } from './event-load.js';
import type { Figures } from './figures.js';

/** Runs one SQL statement on the scenario's database and answers its rows. */
export type Query = <T>(sql: string, parameters: unknown[]) => Promise<T[]>;

/** A dossier's chain verification, as `GET …/journal/verify` answers it. */
export type VerifyChain = (dossierId: string) => Promise<{ status: number; body: any }>;

/** SQL on a server database, one connection per statement. */
export function sqlOn(databaseUrl: string): Query {
  return <T>(sql: string, parameters: unknown[]) =>
    withClient(databaseUrl, async (client) => (await client.query(sql, parameters)).rows as T[]);
}

/** The chain verification of a running instance, in a session. */
export function chainsThrough(baseUrl: string, session: Session): VerifyChain {
  return async (dossierId) => {
    const answer = await send(baseUrl, {
      method: 'GET',
      path: `/api/dossiers/${dossierId}/journal/verify`,
      headers: sessionHeaders(session, 'GET'),
    });
    return answer.kind === 'answer' ? answer : { status: 0, body: answer };
  };
}

export interface DossierChecks {
  query: Query;
  verifyChain: VerifyChain;
  dossierIds: string[];
  /** Each dossier's version before the load. */
  initialVersions: Map<string, number>;
  acks: Ack[];
  figures: Figures;
}

interface EntryRow {
  dossier_id: string;
  seq: number;
  type: string;
  event: string | null;
  to_state: string | null;
}

/** Answers the list of problems found (empty when everything holds). */
export async function checkDossiers(checks: DossierChecks): Promise<string[]> {
  const problems: string[] = [];
  const { dossierIds } = checks;

  const { query } = checks;
  const dossiers = await query<{ id: string; version: number; state: string }>(
    'SELECT id, version, state FROM dossier WHERE id = ANY($1)',
    [dossierIds],
  );
  const entries = await query<EntryRow>(
    `SELECT dossier_id, seq, type, payload->'event'->>'type' AS event, payload->>'toState' AS to_state
       FROM journal_entry WHERE dossier_id = ANY($1) ORDER BY dossier_id, seq`,
    [dossierIds],
  );
  const records = await query<{
    dossier_id: string;
    key: string;
    response_body: { journalSeq: number; state: string };
  }>('SELECT dossier_id, key, response_body FROM idempotency_record WHERE dossier_id = ANY($1)', [dossierIds]);
  const outbox = await query<{ dossier_id: string; topic: string; seq: number }>(
    `SELECT dossier_id, topic, (payload->>'journalSeq')::int AS seq FROM outbox_message WHERE dossier_id = ANY($1)`,
    [dossierIds],
  );

  const entryOf = new Map(entries.map((entry) => [`${entry.dossier_id}:${entry.seq}`, entry]));
  const acked = new Map<string, Ack>();
  for (const ack of checks.acks) {
    const id = `${ack.dossierId}:${ack.journalSeq}`;
    const earlier = acked.get(id);
    // Two answers naming one entry must be one request answered twice (a replay).
    if (earlier && earlier.key !== ack.key)
      problems.push(`${id}: acknowledged to two requests (${earlier.key}, ${ack.key})`);
    acked.set(id, ack);
    const entry = entryOf.get(id);
    if (!entry) problems.push(`${id}: acknowledged ${ack.event} (version ${ack.version}) missing from the journal`);
    else if (entry.event !== ack.event || entry.to_state !== ack.state)
      problems.push(`${id}: journal has ${entry.event} → ${entry.to_state}, acknowledged ${ack.event} → ${ack.state}`);
    if (ack.version !== ack.journalSeq) problems.push(`${id}: acknowledged version ${ack.version} ≠ its entry's seq`);
  }

  for (const dossier of dossiers) {
    const own = entries.filter((entry) => entry.dossier_id === dossier.id);
    const acksOf = [...acked.values()].filter((ack) => ack.dossierId === dossier.id).length;
    const expected = (checks.initialVersions.get(dossier.id) ?? NaN) + acksOf;
    if (dossier.version !== expected)
      problems.push(
        `${dossier.id}: version ${dossier.version}, expected ${expected} (initial + ${acksOf} acknowledged)`,
      );
    if (own.some((entry, index) => entry.seq !== index + 1))
      problems.push(`${dossier.id}: journal sequence has a gap (${own.map((entry) => entry.seq).join(',')})`);
    if (own.length !== dossier.version)
      problems.push(`${dossier.id}: ${own.length} journal entries for version ${dossier.version}`);
    const last = own.filter((entry) => entry.type === 'TRANSITION').at(-1);
    if (last && last.to_state !== dossier.state)
      problems.push(`${dossier.id}: state ${dossier.state} but the last transition went to ${last.to_state}`);

    const verify = await checks.verifyChain(dossier.id);
    if (verify.status !== 200 || !verify.body.valid || verify.body.entries !== own.length)
      problems.push(`${dossier.id}: chain verification ${JSON.stringify(verify.body)}`);
    else checks.figures.entriesVerified += verify.body.entries;
  }
  if (dossiers.length !== dossierIds.length) problems.push(`${dossierIds.length - dossiers.length} dossiers missing`);

  for (const record of records) {
    const entry = entryOf.get(`${record.dossier_id}:${record.response_body.journalSeq}`);
    if (!entry || entry.to_state !== record.response_body.state)
      problems.push(`${record.dossier_id}: stored answer of key ${record.key} names no matching journal entry`);
  }
  const stored = new Set(records.map((record) => `${record.dossier_id}:${record.key}`));
  for (const ack of checks.acks)
    if (!stored.has(`${ack.dossierId}:${ack.key}`))
      problems.push(`${ack.dossierId}: no stored answer for key ${ack.key}`);

  const messages = new Map<string, number>();
  for (const row of outbox) {
    const id = `${row.dossier_id}:${row.seq}`;
    messages.set(id, (messages.get(id) ?? 0) + 1);
    if (entryOf.get(id)?.event !== 'REQUEST_COMPLEMENTS')
      problems.push(`${id}: outbox row ${row.topic} without its entry`);
  }
  for (const entry of entries.filter((candidate) => candidate.event === 'REQUEST_COMPLEMENTS')) {
    const count = messages.get(`${entry.dossier_id}:${entry.seq}`) ?? 0;
    if (count !== 1) problems.push(`${entry.dossier_id}:${entry.seq}: ${count} outbox rows for REQUEST_COMPLEMENTS`);
  }
  return problems;
}
