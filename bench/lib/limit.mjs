/**
 * The limit: the SQL of one transition, run directly through `pg` (no HTTP, no Nest, no
 * TypeORM, no machine), and through pgbench on a server. The same statements as
 * WorkflowRunner for REQUEST_COMPLEMENTS / RECEIVE_COMPLEMENTS: lock the dossier row,
 * read the journal's last link, versioned update of state/snapshot/version, journal
 * insert with its hash (and the outbox row REQUEST_COMPLEMENTS asks for).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { canonicalJson, entryHash } from '../../dist/src/journal/hash-chain.js';
import { MACHINE_VERSION, transitionPayload } from './model.mjs';
import { dossierId, percentile, round, sqlLiteral } from './util.mjs';

const LOCK_SQL = 'SELECT id, state, machine_version, snapshot, version FROM dossier WHERE id = $1 FOR UPDATE';
const LAST_LINK_SQL = 'SELECT seq, hash FROM journal_entry WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1';
const UPDATE_SQL = `UPDATE dossier SET state = $2, snapshot = $3, machine_version = $4, version = version + 1, updated_at = $5
  WHERE id = $1 AND version = $6 RETURNING version`;
const JOURNAL_SQL = `INSERT INTO journal_entry (dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at,
  payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`;
const OUTBOX_SQL = 'INSERT INTO outbox_message (dossier_id, topic, payload) VALUES ($1, $2, $3)';

/**
 * What the application sends besides the minimal SQL (traced from the running application
 * with REQUEST_COMPLEMENTS): the token's credential, its user and role grant (AccessGuard),
 * the visibility check (DossierVisibility), and the transaction's set-up (TypeORM's
 * START TRANSACTION + SET TRANSACTION ISOLATION LEVEL, the runner's SET LOCAL lock_timeout).
 */
const APP_AUTH_SQL = [
  `SELECT * FROM auth_credential WHERE secret_hash = $1 AND kind = 'token' AND revoked_at IS NULL LIMIT 1`,
  'SELECT * FROM app_user WHERE id = $1 AND active = true LIMIT 1',
  `SELECT * FROM user_role WHERE user_id = $1 AND role = 'instructor' LIMIT 1`,
];

/** One transition on `id`, decided from the locked row as the runner decides it. */
async function transition(client, id, toggle, actor, appShaped) {
  if (appShaped) {
    await client.query(APP_AUTH_SQL[0], [appShaped.secretHash]);
    await client.query(APP_AUTH_SQL[1], [actor.userId]);
    await client.query(APP_AUTH_SQL[2], [actor.userId]);
    await client.query('SELECT d.id FROM dossier d WHERE d.id = $1', [id]);
    await client.query('START TRANSACTION');
    await client.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await client.query("SET LOCAL lock_timeout = '5s'");
  } else {
    await client.query('BEGIN');
  }
  try {
    const {
      rows: [row],
    } = await client.query(LOCK_SQL, [id]);
    const {
      rows: [last],
    } = await client.query(LAST_LINK_SQL, [id]);
    const waiting = row.state === 'awaitingComplements';
    const step = waiting ? toggle.receive : toggle.request;
    const target = waiting ? toggle.activity : toggle.awaiting;
    const now = new Date();
    const updated = await client.query(UPDATE_SQL, [
      id,
      target.state,
      JSON.stringify(target.snapshot),
      MACHINE_VERSION,
      now,
      row.version,
    ]);
    if (updated.rowCount !== 1) throw new Error('versioned update missed');
    const content = {
      dossierId: id,
      seq: last.seq + 1,
      type: 'TRANSITION',
      actorId: actor.userId,
      actorRole: actor.role,
      actorCredential: actor.credential,
      occurredAt: now,
      payload: transitionPayload(step, step.command),
    };
    await client.query(JOURNAL_SQL, [
      id,
      content.seq,
      content.type,
      content.actorId,
      content.actorRole,
      content.actorCredential,
      now,
      JSON.stringify(content.payload),
      last.hash,
      entryHash(last.hash, content),
    ]);
    for (const topic of step.outbox) {
      await client.query(OUTBOX_SQL, [
        id,
        topic,
        JSON.stringify({ event: step.command, toState: step.toState, journalSeq: content.seq, actor }),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * `clients` workers for `seconds`, each on its own share of the pool's dossiers (no two
 * workers on one dossier: the limit of the work, not of lock queues). `pool` is a pg
 * Pool: on a server one connection per worker; embedded, the application's pool of one.
 * `appShaped` ({ secretHash }): send the application's statements instead of the 7 minimal
 * ones — the database cost of its request without its JavaScript. They are the 13 traced at
 * commit ac4e71f; `node bench/trace-statements.mjs` lists the current ones (the deadlines
 * work then in progress adds two for REQUEST_COMPLEMENTS).
 */
export async function directLimit({ pool, ids, clients, seconds, toggle, actor, appShaped = null }) {
  const latencies = [];
  let errors = 0;
  let firstError;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async (w) => {
    const mine = ids.filter((_, i) => i % clients === w);
    let cursor = 0;
    while (performance.now() < deadline) {
      const id = mine[cursor++ % mine.length];
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        await transition(client, id, toggle, actor, appShaped);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error;
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) console.error(`direct limit: ${errors} errors, first: ${firstError.message}`);
  return {
    clients,
    seconds: round(elapsed, 2),
    transactions: latencies.length,
    tps: round(latencies.length / elapsed, 1),
    p50: round(percentile(latencies, 50), 2),
    p99: round(percentile(latencies, 99), 2),
    errors,
  };
}

export function findPgbench() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  }
  for (const version of ['17', '16', '15', '14', '13']) {
    const candidate = `/usr/lib/postgresql/${version}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The same transaction as a pgbench script (simple protocol). The journal hash is
 * computed by the server: sha256 of the previous hash and the entry's canonical JSON,
 * built by concatenation in the key order canonicalJson gives — so the chains stay valid
 * (the bench verifies them afterwards).
 */
export function pgbenchScript(toggle, actor) {
  const canonical = (step) => canonicalJson(transitionPayload(step, step.command));
  const entry = (step) => {
    const payload = canonical(step);
    const text =
      `${sqlLiteral(`{"actorCredential":${JSON.stringify(actor.credential)},"actorId":${JSON.stringify(actor.userId)},"actorRole":${JSON.stringify(actor.role)},"dossierId":"`)}` +
      ` || ':did' || '","occurredAt":"' || to_char(t.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` +
      ` || ${sqlLiteral(`","payload":${payload},"seq":`)} || (:lastseq + 1) || ',"type":"TRANSITION"}'`;
    return `INSERT INTO journal_entry (dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash)
  SELECT ':did', :lastseq + 1, 'TRANSITION', ${sqlLiteral(actor.userId)}, ${sqlLiteral(actor.role)}, ${sqlLiteral(actor.credential)}, t.ts, ${sqlLiteral(payload)}::jsonb, ':lasthash',
         encode(sha256(convert_to(':lasthash' || ${text}, 'UTF8')), 'hex')
    FROM (SELECT date_trunc('milliseconds', clock_timestamp()) AS ts) t;`;
  };
  const update = (target) =>
    `UPDATE dossier SET state = ${sqlLiteral(target.state)}, snapshot = ${sqlLiteral(JSON.stringify(target.snapshot))}::jsonb, machine_version = ${MACHINE_VERSION}, version = version + 1, updated_at = now() WHERE id = ':did' AND version = :ver;`;
  const outbox = (step) =>
    step.outbox
      .map(
        (topic) =>
          `INSERT INTO outbox_message (dossier_id, topic, payload) VALUES (':did', ${sqlLiteral(topic)}, jsonb_build_object('event', ${sqlLiteral(JSON.stringify(step.command))}::jsonb, 'toState', ${sqlLiteral(step.toState)}, 'journalSeq', :lastseq + 1, 'actor', ${sqlLiteral(JSON.stringify(actor))}::jsonb));`,
      )
      .join('\n');
  // pgbench commands are one per line: collapse the statements' own line breaks.
  const line = (sql) => sql.replace(/\s*\n\s*/g, ' ');
  return [
    '\\set n :first + :client_id + :nclients * random(0, :per - 1)',
    'BEGIN;',
    "SELECT id AS did, (state = 'awaitingComplements')::int AS waiting, machine_version AS mv, snapshot AS snap, version AS ver FROM dossier WHERE id = md5('bench-dossier-' || :n)::uuid FOR UPDATE \\gset",
    "SELECT seq AS lastseq, hash AS lasthash FROM journal_entry WHERE dossier_id = ':did' ORDER BY seq DESC LIMIT 1 \\gset",
    '\\if :waiting',
    line(update(toggle.activity)),
    line(entry(toggle.receive)),
    '\\else',
    line(update(toggle.awaiting)),
    line(entry(toggle.request)),
    ...(toggle.request.outbox.length ? [line(outbox(toggle.request))] : []),
    '\\endif',
    'END;',
    '',
  ].join('\n');
}

function run(file, args, env) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${stderr || error.message}`));
      else resolve(stdout + stderr);
    });
  });
}

/** pgbench at `clients` for `seconds` on the pool's contiguous range; p50/p99 from its log. */
export async function pgbenchLimit({ pgbench, url, script, pool, clients, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'scic-pgbench-'));
  try {
    const file = join(dir, 'transition.sql');
    writeFileSync(file, script);
    const u = new URL(url);
    const env = {
      ...process.env,
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      PGUSER: decodeURIComponent(u.username || 'postgres'),
      PGPASSWORD: decodeURIComponent(u.password),
      PGDATABASE: u.pathname.slice(1),
    };
    const per = Math.floor(pool.size / clients);
    const output = await run(
      pgbench,
      [
        '-n',
        '-f',
        file,
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(seconds),
        '-D',
        `first=${pool.from}`,
        '-D',
        `nclients=${clients}`,
        '-D',
        `per=${per}`,
        '--log',
        `--log-prefix=${join(dir, 'log')}`,
      ],
      env,
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    const latencies = [];
    for (const name of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const lineText of readFileSync(join(dir, name), 'utf8').split('\n')) {
        const fields = lineText.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    return {
      clients,
      seconds,
      transactions: latencies.length,
      tps: round(tps, 1),
      p50: round(percentile(latencies, 50), 2),
      p99: round(percentile(latencies, 99), 2),
      errors: failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const poolIds = (range) => Array.from({ length: range.size }, (_, i) => dossierId(range.from + i));
