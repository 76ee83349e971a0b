/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by package or source folder
 * and the hottest functions. `BENCH_PROFILE=1 npm run bench` writes the application's
 * profiles to bench/results/profiles/; or run `node bench/profile-summary.mjs <file>`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a function comes from: an npm package, a folder of dist/, node itself, or V8. */
function originOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  // The only WebAssembly in the application is PGlite's (PostgreSQL compiled to wasm).
  if (url.startsWith('wasm://')) return 'wasm (PGlite)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/(src\/[^/]+|migrations|scripts)/.exec(url);
  if (own) return `app:${own[1]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^.*\//, '');
}

/**
 * Self time by origin and by function. `window` ({ fromMs, toMs }, relative to the start
 * of the profile, i.e. of the process) keeps only the samples of a load phase.
 */
export function summariseProfile(file, { top = 15, window } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    at += delta;
    if (window && (at < window.fromMs || at > window.toMs)) continue;
    const id = profile.samples[i];
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta);
  }
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const origins = new Map();
  const functions = new Map();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const origin = originOf(url, functionName);
    origins.set(origin, (origins.get(origin) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${origin}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const share = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((1000 * ms) / total) / 10 }));
  return {
    file: file.replace(/^.*\/bench\//, 'bench/'),
    window: window ?? null,
    totalMs: Math.round(total),
    byOrigin: share(origins),
    topFunctions: share(functions),
  };
}

export function printProfile(summary, write = (line) => console.log(line)) {
  write(`profile ${summary.file} (${summary.totalMs} ms sampled)`);
  write('  self time by origin:');
  for (const { name, percent } of summary.byOrigin) write(`    ${String(percent).padStart(5)} %  ${name}`);
  write('  hottest functions (self):');
  for (const { name, percent } of summary.topFunctions) write(`    ${String(percent).padStart(5)} %  ${name}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node bench/profile-summary.mjs <file.cpuprofile>…');
    process.exit(2);
  }
  for (const file of files) printProfile(summariseProfile(file));
}
