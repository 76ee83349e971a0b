/**
 * `npm run bench`: measures, in one run, the limit of the transition's SQL, transitions
 * and reads through the production build over HTTP, journal verification, the
 * process (cold start, memory) and the web interface's first page in Chromium
 * (bench/web-first-page.mjs alone), on a generated data set in a database of its own:
 * DATABASE_URL set → a fresh `scic_bench` database on that server (dropped at the end);
 * unset → the embedded database in a temporary folder. Prints a table and writes
 * bench/results/latest.json (and latest-<mode>.json).
 *
 * Settings (environment): BENCH_SECONDS (per load point, default 6), BENCH_WARMUP
 * (seconds of load before the HTTP points, default 15), BENCH_DOSSIERS (100000),
 * BENCH_JOURNAL_ENTRIES (1000000), BENCH_PROFILE=1 (also profile the application with
 * --cpu-prof under transitions and under listing reads), BENCH_KEEP=1 (keep the bench
 * database or data folder, to investigate).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startApp } from './lib/app.mjs';
import { SEARCH_WORDS, generate } from './lib/dataset.mjs';
import { conflictTransitions, httpClient, spreadTransitions, timeReads, timeSequence } from './lib/http.mjs';
import { hashingThroughput, orderedScanThroughput, verifyAllThroughput, verifyDossiers } from './lib/journal.mjs';
import { directLimit, findPgbench, pgbenchLimit, pgbenchScript, poolIds } from './lib/limit.mjs';
import { complementToggle } from './lib/model.mjs';
import { evaluateTargets, renderReport } from './lib/report.mjs';
import { createTarget, openTarget, pgPoolOf } from './lib/target.mjs';
import { measureReportPdf, prepareReportDossier } from './lib/synthesis.mjs';
import { dossierId, log, percentile, pick, round, seededRandom, sleep, withCpu } from './lib/util.mjs';
import { describeFirstPage, measureFirstPage, webBundleSize } from './lib/web.mjs';
import { printProfile, summariseProfile } from './profile-summary.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const PGLITE_VERSION = JSON.parse(
  readFileSync(fileURLToPath(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url)), 'utf8'),
).version;
const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 6),
  warmup: Number(process.env.BENCH_WARMUP ?? 15),
  dossiers: Number(process.env.BENCH_DOSSIERS ?? 100_000),
  journalEntries: Number(process.env.BENCH_JOURNAL_ENTRIES ?? 1_000_000),
  poolSize: 1024,
  longJournalEntries: 1000,
  concurrency: [1, 8, 32],
  profile: process.env.BENCH_PROFILE === '1',
};

async function main() {
  const runStarted = performance.now();
  mkdirSync(RESULTS, { recursive: true });
  const target = await createTarget(process.env.DATABASE_URL);
  log(`mode: ${target.mode}${target.url ? ` (database scic_bench)` : ` (data folder ${target.dataDir})`}`);
  try {
    const results = await bench(target);
    results.meta.totalSeconds = round((performance.now() - runStarted) / 1000, 0);
    results.targets = evaluateTargets(results);
    const report = renderReport(results);
    writeFileSync(`${RESULTS}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${RESULTS}latest-${target.mode}.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${RESULTS}latest-${target.mode}.md`, `${report}\n`);
    console.log(report);
    log(`done in ${results.meta.totalSeconds} s; results in bench/results/latest.json`);
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept: ${target.url ?? target.dataDir}`);
    else await target.dispose();
  }
}

/** Cores busy on the machine while the bench itself does nothing: other processes' load. */
async function backgroundLoad() {
  const { cpu } = await withCpu(null, () => sleep(2000));
  return round(cpu.rest, 2);
}

async function bench(target) {
  const server = target.mode === 'server';
  const toggle = complementToggle();
  const background = [await backgroundLoad()];

  // ── The data set, journal verification and the limit, with the database in this process.
  log('generating the data set…');
  let database = await openTarget(target, { DATABASE_POOL_SIZE: '4' });
  const serverVersion = (await database.dataSource.query('SHOW server_version'))[0].server_version;
  const data = await generate(database.dataSource, {
    dossiers: settings.dossiers,
    journalEntries: settings.journalEntries,
    poolSize: settings.poolSize,
    longJournalEntries: settings.longJournalEntries,
  });
  if (JSON.stringify(data.activitySnapshot) !== JSON.stringify(toggle.activity.snapshot)) {
    throw new Error('pool dossiers do not hold the snapshot the toggle expects');
  }
  const { parts, token } = data;
  const actor = { userId: token.userId, role: 'instructor', credential: `token:${token.id}` };
  await prepareReportDossier(database.dataSource, dossierId(parts.report), token.userId);

  log('journal verification (verifyAll over the whole data set)…');
  const journal = {
    verifyAll: await verifyAllThroughput(database.dataSource),
    hashing: await hashingThroughput(database.dataSource),
    orderedScan: await orderedScanThroughput(database.dataSource),
  };
  log(`  verifyAll: ${journal.verifyAll.entriesPerSecond} entries/s (${journal.verifyAll.broken} broken)`);

  log('limit: the transition SQL through pg…');
  const limitIds = poolIds(parts.limitPool);
  const direct = [];
  const limitPool = () =>
    server ? new pg.Pool({ connectionString: target.url, max: 32 }) : pgPoolOf(database.dataSource);
  const pool = limitPool();
  await directLimit({ pool, ids: limitIds, clients: 8, seconds: 3, toggle, actor }); // warm-up
  for (const clients of settings.concurrency) {
    const { result, cpu } = await withCpu(null, () =>
      directLimit({ pool, ids: limitIds, clients, seconds: settings.seconds, toggle, actor }),
    );
    direct.push({ ...result, cpu });
    log(`  ${clients} clients: ${result.tps} tx/s, p99 ${result.p99} ms, cpu ${JSON.stringify(cpu)}`);
  }
  log("the application's statement sequence through pg (its database cost, without its JavaScript)…");
  const appShaped = [];
  const shape = { secretHash: createHash('sha256').update(token.secret).digest('hex') };
  for (const clients of settings.concurrency) {
    const { result, cpu } = await withCpu(null, () =>
      directLimit({ pool, ids: limitIds, clients, seconds: settings.seconds, toggle, actor, appShaped: shape }),
    );
    appShaped.push({ ...result, cpu });
    log(`  ${clients} clients: ${result.tps} tx/s, p99 ${result.p99} ms, cpu ${JSON.stringify(cpu)}`);
  }
  if (server) await pool.end();

  let pgbench = null;
  const pgbenchPath = server ? findPgbench() : null;
  if (pgbenchPath) {
    log(`limit: pgbench (${pgbenchPath})…`);
    const script = pgbenchScript(toggle, actor);
    writeFileSync(`${RESULTS}pgbench-transition.sql`, script);
    pgbench = [];
    for (const clients of settings.concurrency) {
      const { result, cpu } = await withCpu(null, () =>
        pgbenchLimit({
          pgbench: pgbenchPath,
          url: target.url,
          script,
          pool: parts.pgbenchPool,
          clients,
          seconds: settings.seconds,
        }),
      );
      pgbench.push({ ...result, cpu });
      log(`  ${clients} clients: ${result.tps} tx/s, p99 ${result.p99} ms, cpu ${JSON.stringify(cpu)}`);
    }
  }
  // Embedded: one process per data folder — the application gets it now.
  await database.close();

  // ── The application, production build, in its own process.
  const appEnv = server ? { ...target.env, NODE_ENV: 'production' } : { ...target.env };
  log('starting the application…');
  let app = await startApp(appEnv);
  const coldStarts = [app.coldStartMs];
  const memory = { atReady: app.memory() };
  log(`  ready on ${app.url} in ${Math.round(app.coldStartMs)} ms`);
  const client = httpClient(app.url, token.secret);
  let http;
  let reads;
  try {
    const probe = await client.get(`/api/dossiers/${dossierId(parts.httpPool.from)}`);
    if (probe.status !== 200) throw new Error(`GET one dossier: ${probe.status} ${probe.text}`);

    const httpIds = poolIds(parts.httpPool);
    const states = new Map(httpIds.map((id) => [id, 'instruction.activity']));
    const load = { baseUrl: app.url, token: token.secret, ids: httpIds, states, client };
    log('HTTP transitions…');
    // Warm-up: the application's JIT needs ~15 s of load to reach its steady state
    // (measured: 400 → 800 ok/s over the first 20 s after a start).
    await spreadTransitions({ ...load, connections: 32, seconds: settings.warmup });
    const transitions = [];
    for (const connections of settings.concurrency) {
      const { result: r, cpu } = await withCpu(app.pid, () =>
        spreadTransitions({ ...load, connections, seconds: settings.seconds }),
      );
      r.cpu = cpu;
      const limit = direct.find((d) => d.clients === connections);
      const viaPgbench = pgbench?.find((d) => d.clients === connections);
      r.ratio = limit ? round(r.okPerSecond / limit.tps, 3) : null;
      r.ratioPgbench = viaPgbench ? round(r.okPerSecond / viaPgbench.tps, 3) : null;
      transitions.push(r);
      log(
        `  ${connections} connections: ${r.okPerSecond} ok/s, p99 ${r.p99} ms, ratio ${r.ratio}, cpu ${JSON.stringify(cpu)}`,
      );
    }
    log('HTTP transitions, every client on one dossier with If-Match…');
    const { result: conflict, cpu: conflictCpu } = await withCpu(app.pid, () =>
      conflictTransitions({
        baseUrl: app.url,
        token: token.secret,
        id: dossierId(parts.conflict),
        connections: 32,
        seconds: settings.seconds,
        client,
      }),
    );
    conflict.cpu = conflictCpu;
    log(`  ${conflict.requestsPerSecond} answers/s, ${conflict.okPerSecond} ok/s`);
    http = { transitions, conflict };
    memory.afterTransitions = app.memory();

    log('reads…');
    const measured = await withCpu(app.pid, () => measureReads(client, data));
    reads = { ...measured.result, cpu: measured.cpu };
  } finally {
    client.close();
  }
  memory.afterReads = app.memory();
  log('the first page in Chromium…');
  const web = await measureWeb(app.url);
  log(`  ${describeFirstPage(web)}`);
  await app.stop();

  log('cold starts…');
  for (let i = 0; i < 2; i++) {
    app = await startApp(appEnv);
    coldStarts.push(app.coldStartMs);
    await app.stop();
  }

  let profiles = null;
  if (settings.profile) profiles = await profileApp(appEnv, data, target.mode);

  // ── Every chain the bench wrote to must still verify.
  log('verifying the chains the bench wrote…');
  database = await openTarget(target, { DATABASE_POOL_SIZE: '4' });
  let integrity;
  try {
    const touched = [
      ...limitIds,
      ...poolIds(parts.httpPool),
      ...(pgbench ? poolIds(parts.pgbenchPool) : []),
      dossierId(parts.conflict),
    ];
    const checked = await verifyDossiers(database.dataSource, touched);
    integrity = { dossiers: checked.dossiers, entries: checked.entries, broken: checked.broken.length };
    if (checked.broken.length) log(`  BROKEN chains: ${JSON.stringify(checked.broken.slice(0, 5))}`);
  } finally {
    await database.close();
  }

  background.push(await backgroundLoad());
  const sortedStarts = [...coldStarts].sort((a, b) => a - b);
  return {
    meta: {
      date: new Date().toISOString(),
      mode: target.mode,
      database: server ? `PostgreSQL ${serverVersion.split(' ')[0]}` : `PGlite ${PGLITE_VERSION}`,
      node: process.version,
      cpus: os.cpus().length,
      seconds: settings.seconds,
      warmup: settings.warmup,
      /** Cores busy with other processes while the bench was idle, at its start and end. */
      backgroundCores: background,
      dataset: {
        dossiers: data.dossiers,
        scics: data.scics,
        journalEntries: data.journalEntries,
        entriesPerDossier: data.entriesPerDossier,
        seconds: round(data.seconds, 1),
      },
    },
    limit: {
      direct,
      pgbench,
      appShaped,
      note: server
        ? null
        : 'Embedded limit: the same SQL through the one pooled connection to PGlite in one process — PGlite is a ' +
          'single session and serialises everything, so 8 or 32 clients queue for that connection.',
    },
    http,
    reads,
    journal,
    documents: 'n/a (documents not implemented)',
    process: {
      coldStartsMs: coldStarts.map((ms) => Math.round(ms)),
      coldStartMedianMs: Math.round(sortedStarts[Math.floor(sortedStarts.length / 2)]),
      rssAtReadyMb: memory.atReady.rssMb,
      rssAfterTransitionsMb: memory.afterTransitions.rssMb,
      rssAfterLoadMb: memory.afterReads.rssMb,
      peakRssMb: memory.afterReads.peakRssMb,
    },
    web,
    integrity,
    profiles,
  };
}

/** The web interface's first page and bundle size; a browser that fails is reported, not fatal to the run. */
async function measureWeb(url) {
  const bundle = webBundleSize();
  try {
    return { bundle, firstPage: await measureFirstPage(url) };
  } catch (error) {
    return { bundle, firstPage: { failed: String(error?.message ?? error).split('\n')[0] } };
  }
}

async function measureReads(client, data) {
  const random = seededRandom(7);
  const { activities, qualifiers, communes } = SEARCH_WORDS;
  const words = Array.from({ length: 10 }, () =>
    `${pick(random, activities)} ${pick(random, qualifiers)}`.toLowerCase(),
  );
  const enc = encodeURIComponent;
  const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
  const queries = {
    'newest first (default)': ['/api/dossiers'],
    'state=instruction (a parent state)': ['/api/dossiers?state=instruction'],
    'state=awaitingComplements, sort=name': ['/api/dossiers?state=awaitingComplements&sort=name'],
    'q=two words (French full text)': words.map((w) => `/api/dossiers?q=${enc(w)}`),
    'q=word prefix and state': communes
      .slice(0, 10)
      .map((c) => `/api/dossiers?q=${enc(c.slice(0, 5))}&state=instruction`),
    'q=SIREN prefix': data.sampleSirens.map((s) => `/api/dossiers?q=${s.slice(0, 6)}`),
    'q=reference': years.map((y) => `/api/dossiers?q=SCIC-${y}-01`),
    'page 1000, sort=name': ['/api/dossiers?page=1000&sort=name'],
  };
  const listing = {};
  for (const [name, paths] of Object.entries(queries)) {
    listing[name] = await timeReads(client, paths, { samples: 100, maxSeconds: 6 });
    log(`  listing ${name}: p50 ${listing[name].p50} ms, p95 ${listing[name].p95} ms`);
  }
  const ids = Array.from({ length: 200 }, () => dossierId(Math.floor(random() * data.dossiers)));
  const dossier = await timeReads(
    client,
    ids.map((id) => `/api/dossiers/${id}`),
    { samples: 200 },
  );
  const long = dossierId(data.parts.longJournal);
  const journal = await timeSequence(
    client,
    [`/api/dossiers/${long}/journal?limit=500`, `/api/dossiers/${long}/journal?afterSeq=500&limit=500`],
    { samples: 30 },
  );
  const verifyPath = `/api/dossiers/${long}/journal/verify`;
  const verified = (await client.get(verifyPath)).json();
  const journalVerify = { ...(await timeReads(client, [verifyPath], { samples: 20 })), entries: verified.entries };
  if (!verified.valid) throw new Error(`the long journal does not verify: ${JSON.stringify(verified)}`);
  const report = await measureReportPdf(client, dossierId(data.parts.report));
  log(
    `  note de synthèse: p50 ${report.p50} ms, p95 ${report.p95} ms (${report.p95ToBudget} of the ${report.budgetMs} ms budget)`,
  );
  return { listing, dossier, journal, journalVerify, report };
}

/** The application under --cpu-prof: once under transitions (32 connections), once under listing reads. */
async function profileApp(appEnv, data, mode) {
  const dir = `${RESULTS}profiles/${mode}`;
  mkdirSync(dir, { recursive: true });
  const summaries = {};
  for (const phase of ['transitions', 'listing']) {
    log(`profiling the application under ${phase}…`);
    const spawned = performance.now();
    const app = await startApp(appEnv, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${phase}.cpuprofile`],
    });
    const client = httpClient(app.url, data.token.secret);
    const window = {};
    try {
      if (phase === 'transitions') {
        const ids = poolIds(data.parts.httpPool);
        const states = new Map();
        for (const id of ids) states.set(id, (await client.get(`/api/dossiers/${id}`)).json().state);
        const load = { baseUrl: app.url, token: data.token.secret, ids, states, client };
        await spreadTransitions({ ...load, connections: 32, seconds: settings.warmup }); // not in the window
        window.fromMs = performance.now() - spawned;
        const r = await spreadTransitions({ ...load, connections: 32, seconds: settings.seconds });
        window.toMs = performance.now() - spawned - 1000; // without the read-back after the run
        log(`  ${r.okPerSecond} ok/s, p99 ${r.p99} ms`);
      } else {
        window.fromMs = performance.now() - spawned;
        const paths = ['/api/dossiers', '/api/dossiers?state=instruction', '/api/dossiers?q=energies%20citoyennes'];
        const deadline = performance.now() + settings.seconds * 1000;
        const times = [];
        while (performance.now() < deadline) {
          const t0 = performance.now();
          await client.get(paths[times.length % paths.length]);
          times.push(performance.now() - t0);
        }
        window.toMs = performance.now() - spawned;
        log(`  ${times.length} listings, p50 ${round(percentile(times, 50), 1)} ms`);
      }
    } finally {
      client.close();
      await app.stop();
    }
    summaries[phase] = summariseProfile(`${dir}/${phase}.cpuprofile`, { window });
    printProfile(summaries[phase], (line) => log(line));
  }
  return summaries;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
