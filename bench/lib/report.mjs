/** The bench's table (stdout) and its goals. */
import { describeFirstPage } from './web.mjs';

const fmt = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '—'
    : typeof value === 'number'
      ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
      : String(value);

function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => fmt(cell)));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(cells[0]),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** The goals of the issue, evaluated on the figures (the bench never fails on them). */
export function evaluateTargets(results) {
  const server = results.meta.mode === 'server';
  const at32 = results.http.transitions.find((r) => r.connections === 32);
  const limit32 = results.limit.direct.find((r) => r.clients === 32);
  const ratio = at32 && limit32 ? at32.okPerSecond / limit32.tps : null;
  const listings = Object.values(results.reads.listing);
  const worstListing = Math.max(...listings.map((r) => r.p95));
  const targets = [];
  if (server) {
    targets.push({
      name: 'HTTP transitions / direct-SQL limit, 32 clients',
      goal: '≥ 0.30',
      figure: ratio,
      met: ratio !== null && ratio >= 0.3,
    });
    targets.push({
      name: 'HTTP transitions p99, 32 clients (ms)',
      goal: '≤ 25',
      figure: at32?.p99 ?? null,
      met: at32 !== undefined && at32.p99 <= 25,
    });
  } else {
    targets.push({
      name: 'HTTP transitions / embedded limit, 32 clients',
      goal: '≥ 0.8',
      figure: ratio,
      met: ratio !== null && ratio >= 0.8,
    });
  }
  targets.push({
    name: `listing p95 at ${results.meta.dataset.dossiers.toLocaleString('en-US')} dossiers (worst query, ms)`,
    goal: '≤ 30',
    figure: worstListing,
    met: worstListing <= 30,
  });
  targets.push({
    name: 'journal verification, verifyAll (entries/s)',
    goal: '≥ 200,000',
    figure: results.journal.verifyAll.entriesPerSecond,
    met: results.journal.verifyAll.entriesPerSecond >= 200_000,
  });
  const report = results.reads.report;
  if (report) {
    targets.push({
      name: 'note de synthèse report.pdf, complete dossier (p95 ms)',
      goal: `≤ ${report.budgetMs}`,
      figure: report.p95,
      met: report.p95 <= report.budgetMs,
    });
  }
  const firstPage = results.web?.firstPage;
  if (firstPage?.p95Ms !== undefined) {
    targets.push({
      name: 'first page: / to the login form usable, cold cache (p95 ms)',
      goal: `≤ ${firstPage.budgetMs.toLocaleString('en-US')}`,
      figure: firstPage.p95Ms,
      met: firstPage.p95Ms <= firstPage.budgetMs,
    });
  }
  const bundle = results.web?.bundle;
  if (bundle) {
    targets.push({
      name: 'web interface JS, gzipped (kB)',
      goal: `≤ ${bundle.budgetKb}`,
      figure: bundle.jsGzipKb,
      met: bundle.jsGzipKb <= bundle.budgetKb,
    });
  }
  targets.push({
    name: 'cold start to ready (ms, median)',
    goal: '≤ 1,000',
    figure: results.process.coldStartMedianMs,
    met: results.process.coldStartMedianMs <= 1000,
  });
  targets.push({
    name: 'RSS after load (MB)',
    goal: '≤ 200',
    figure: results.process.rssAfterLoadMb,
    met: results.process.rssAfterLoadMb <= 200,
  });
  return targets;
}

export function renderReport(results) {
  const { meta } = results;
  const out = [];
  out.push(
    `### ${meta.database} (${meta.mode}) — ${meta.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${meta.cpus} cores, Node ${meta.node}, ${meta.seconds} s per load point after ${meta.warmup} s of warm-up. ` +
      'Data set: ' +
      `${meta.dataset.dossiers.toLocaleString('en-US')} dossiers, ${meta.dataset.scics.toLocaleString('en-US')} SCICs, ` +
      `${meta.dataset.journalEntries.toLocaleString('en-US')} journal entries (generated in ${fmt(meta.dataset.seconds)} s).`,
    '',
  );
  const background = meta.backgroundCores ?? [];
  if (background.some((cores) => cores > 0.15)) {
    out.push(
      `**Warning: other processes kept ${background.map((c) => fmt(c, 2)).join(' / ')} cores busy at the start / end ` +
        'of the run: the figures are disturbed; run again on a quiet machine.**',
      '',
    );
  }

  const cpu = (c) =>
    c ? `${c.app === null ? '—' : fmt(c.app, 2)} · ${fmt(c.loadGenerator, 2)} · ${fmt(c.rest, 2)}` : '';
  const rows = [];
  for (const r of results.limit.direct) {
    rows.push(['limit: transition SQL through pg', r.clients, r.tps, r.p50, r.p99, r.errors, '', cpu(r.cpu)]);
  }
  for (const r of results.limit.pgbench ?? []) {
    rows.push(['limit: pgbench, same SQL', r.clients, r.tps, r.p50, r.p99, r.errors, '', cpu(r.cpu)]);
  }
  for (const r of results.limit.appShaped ?? []) {
    rows.push([
      "the app's statement sequence through pg (no HTTP/JS)",
      r.clients,
      r.tps,
      r.p50,
      r.p99,
      r.errors,
      '',
      cpu(r.cpu),
    ]);
  }
  for (const r of results.http.transitions) {
    rows.push([
      'HTTP: POST /events, spread over dossiers',
      r.connections,
      r.okPerSecond,
      r.p50,
      r.p99,
      r.requests - r.ok,
      r.ratio === null ? '' : `${fmt(r.ratio, 2)}${r.ratioPgbench ? ` (${fmt(r.ratioPgbench, 2)})` : ''}`,
      cpu(r.cpu),
    ]);
  }
  const c = results.http.conflict;
  if (c) {
    const codes = Object.entries(c.codes)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    rows.push([
      `HTTP: one dossier, If-Match (${codes})`,
      c.connections,
      c.okPerSecond,
      c.p50,
      c.p99,
      c.errors + c.timeouts,
      `${fmt(c.requestsPerSecond)} answers/s`,
      cpu(c.cpu),
    ]);
  }
  const headers = [
    'transitions (REQUEST/RECEIVE_COMPLEMENTS)',
    'clients',
    'ok/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'ratio to limit (to pgbench)',
    'CPU cores: app · bench · rest',
  ];
  out.push(
    table(headers, rows),
    '',
    'CPU in cores over the run (1 = one core busy throughout): app = the application process; bench = the bench ' +
      'process (autocannon, or the pg client of the limit — and PGlite itself for the embedded limit); rest = the ' +
      'rest of the machine, mostly the PostgreSQL server (and pgbench).',
    '',
  );
  if (results.limit.note) out.push(`_${results.limit.note}_`, '');

  const readRows = [];
  for (const [name, r] of Object.entries(results.reads.listing))
    readRows.push([`listing: ${name}`, r.p50, r.p95, r.total ?? '']);
  readRows.push(['one dossier with allowedEvents', results.reads.dossier.p50, results.reads.dossier.p95, '']);
  const j = results.reads.journal;
  readRows.push([`journal of a dossier, ${j.entries} entries (${j.requests} pages of 500)`, j.p50, j.p95, '']);
  const v = results.reads.journalVerify;
  readRows.push([`GET …/journal/verify, ${v.entries} entries`, v.p50, v.p95, '']);
  const r = results.reads.report;
  if (r) readRows.push(['GET …/report.pdf (note de synthèse), complete dossier', r.p50, r.p95, '']);
  out.push(table(['reads (sequential, one client)', 'p50 ms', 'p95 ms', 'matches'], readRows), '');
  if (r) {
    out.push(
      `Note de synthèse: p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms over ${r.samples} requests — ` +
        `${fmt(r.p50ToBudget, 2)} / ${fmt(r.p95ToBudget, 2)} of the ${r.budgetMs} ms budget (p50 / p95).`,
      '',
    );
  }

  const jv = results.journal;
  out.push(
    table(
      ['journal verification', 'entries', 'seconds', 'entries/s'],
      [
        [
          `verifyAll (npm run journal:verify), ${fmt(jv.verifyAll.dossiers)} dossiers`,
          jv.verifyAll.entries,
          jv.verifyAll.seconds,
          jv.verifyAll.entriesPerSecond,
        ],
        ['hashing alone (rows already in memory)', jv.hashing.entries, jv.hashing.seconds, jv.hashing.entriesPerSecond],
        [
          'one ordered scan in keyset batches (candidate)',
          jv.orderedScan.entries,
          jv.orderedScan.seconds,
          jv.orderedScan.entriesPerSecond,
        ],
      ],
    ),
    '',
    `Documents: ${results.documents}`,
    '',
    `Process: cold start to "Ready on" ${results.process.coldStartsMs.map((ms) => fmt(ms, 0)).join(' / ')} ms ` +
      `(median ${fmt(results.process.coldStartMedianMs, 0)}); RSS ${results.process.rssAtReadyMb} MB at ready, ` +
      `${results.process.rssAfterTransitionsMb} MB after the transitions, ${results.process.rssAfterLoadMb} MB after ` +
      `the reads too (peak ${results.process.peakRssMb} MB).`,
    '',
    ...(results.web ? [`Web interface: ${describeFirstPage(results.web)}.`, ''] : []),
    `Chains written by the bench (direct SQL${meta.mode === 'server' ? ', pgbench' : ''} and HTTP) verified afterwards: ` +
      `${results.integrity.dossiers} dossiers, ${fmt(results.integrity.entries)} entries, ${results.integrity.broken} broken.`,
    '',
  );

  out.push(
    table(
      ['goal', 'figure', 'target', ''],
      results.targets.map((t) => [t.name, fmt(t.figure, 2), t.goal, t.met ? 'met' : 'not met']),
    ),
    '',
  );
  return out.join('\n');
}
