/**
 * `node bench/login-flood.mjs` (after `npm run build`): the latency of other requests —
 * a dossier list and a document upload — alone, then during a flood of bad logins (each
 * with an unknown e-mail, so each costs an argon2 verification), with the password hashing
 * bounded as configured (PASSWORD_HASH_CONCURRENCY=2, queue 32) and, for comparison,
 * practically unbounded (64, queue 10000). Embedded database in a temporary folder; the
 * login limits are raised so that every attempt reaches the hashing, as from many
 * addresses. Prints one line per case and writes bench/results/login-flood.json.
 *
 * Settings: FLOOD_SECONDS (per phase, default 8), FLOOD_CONCURRENCY (default 50).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './lib/app.mjs';
import { percentile, round } from './lib/util.mjs';

const SECONDS = Number(process.env.FLOOD_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.FLOOD_CONCURRENCY ?? 50);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const DEV = { 'x-dev-user': 'bench.instructor', 'x-dev-role': 'instructor' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function timed(work) {
  const started = performance.now();
  const status = await work();
  return { ms: performance.now() - started, status };
}

/** The other requests, one after the other, for `seconds`: their latencies. */
async function otherRequests(url, dossierId, seconds) {
  const list = [];
  const upload = [];
  const statuses = {};
  const until = performance.now() + seconds * 1000;
  let index = 0;
  while (performance.now() < until) {
    const read = await timed(async () => (await fetch(`${url}/api/dossiers?pageSize=20`, { headers: DEV })).status);
    list.push(read.ms);
    const form = new FormData();
    form.append('type', 'STATUTS');
    form.append('file', new Blob([PDF, Buffer.from(`% ${index++} ${Math.random()}\n`)]), 'statuts.pdf');
    const sent = await timed(
      async () =>
        (await fetch(`${url}/api/dossiers/${dossierId}/documents`, { method: 'POST', headers: DEV, body: form }))
          .status,
    );
    upload.push(sent.ms);
    for (const status of [read.status, sent.status]) statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const summary = (values) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });
  return { list: summary(list), upload: summary(upload), statuses };
}

/** Bad logins from `CONCURRENCY` clients until `stop()`: answers by status. */
function flood(url) {
  const answers = {};
  let running = true;
  let attempt = 0;
  const client = async () => {
    while (running) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `nobody${attempt++}@flood.invalid`, password: 'not a password at all' }),
      }).catch(() => null);
      const status = response?.status ?? 'error';
      await response?.arrayBuffer();
      answers[status] = (answers[status] ?? 0) + 1;
    }
  };
  const clients = Array.from({ length: CONCURRENCY }, client);
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

async function measure(label, hashing) {
  const dataDir = mkdtempSync(join(tmpdir(), 'scic-flood-'));
  const app = await startApp({
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    ALLOW_DEV_IDENTITY: 'true',
    WORKERS_ENABLED: 'false',
    LOGIN_MAX_FAILURES_PER_IP: '10000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    PASSWORD_HASH_CONCURRENCY: String(hashing.concurrency),
    PASSWORD_HASH_QUEUE: String(hashing.queue),
  });
  try {
    const listed = await (await fetch(`${app.url}/api/dossiers?pageSize=1`, { headers: DEV })).json();
    const dossierId = listed.items[0].id;
    await otherRequests(app.url, dossierId, 1); // warm-up
    const alone = await otherRequests(app.url, dossierId, SECONDS);
    const attack = flood(app.url);
    const during = await otherRequests(app.url, dossierId, SECONDS);
    await attack.stop();
    const result = { label, hashing, alone, during, floodAnswers: attack.answers };
    console.log(
      `${label}: list p95 ${alone.list.p95} → ${during.list.p95} ms, upload p95 ${alone.upload.p95} → ${during.upload.p95} ms ` +
        `during ${CONCURRENCY} concurrent bad logins (answers ${JSON.stringify(attack.answers)})`,
    );
    return result;
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [
  await measure('bounded hashing (2, queue 32)', { concurrency: 2, queue: 32 }),
  await measure('unbounded hashing (64, queue 10000)', { concurrency: 64, queue: 10_000 }),
];
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'login-flood.json'),
  `${JSON.stringify({ seconds: SECONDS, concurrency: CONCURRENCY, results }, null, 2)}\n`,
);
