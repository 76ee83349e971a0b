// The run's figures: the global set-up gives the scenarios a file to append their line
// to (RELIABILITY_FIGURES_FILE, or a temporary one); the teardown prints the table and
// the totals. Exported once for both: Jest calls it before and after the run.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STARTED = Symbol.for('scic.reliability.figures');
/** The temporary folder made for the figures when none was named, removed after the report. */
const TEMPORARY = Symbol.for('scic.reliability.figuresFolder');

export default function figuresReport() {
  if (!globalThis[STARTED]) {
    globalThis[STARTED] = true;
    if (!process.env.RELIABILITY_FIGURES_FILE) {
      globalThis[TEMPORARY] = mkdtempSync(join(tmpdir(), 'scic-rel-figures-'));
      process.env.RELIABILITY_FIGURES_FILE = join(globalThis[TEMPORARY], 'figures.jsonl');
    }
    writeFileSync(process.env.RELIABILITY_FIGURES_FILE, '');
    return;
  }
  const file = process.env.RELIABILITY_FIGURES_FILE;
  const lines = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  console.log(`\n${formatFigures(lines)}`);
  if (globalThis[TEMPORARY]) rmSync(globalThis[TEMPORARY], { recursive: true, force: true });
}

const sum = (values) => values.reduce((total, value) => total + value, 0);
const merge = (maps) => {
  const merged = {};
  for (const map of maps) for (const [key, count] of Object.entries(map)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
};
const listed = (map) =>
  Object.entries(map)
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || '—';

export function formatFigures(unordered) {
  const lines = [...unordered].sort((a, b) => a.scenario.localeCompare(b.scenario));
  const rows = lines.map((line) => [
    line.scenario,
    line.seconds,
    line.requests,
    line.replayed ? `${line.acknowledged} (${line.replayed} by replay)` : line.acknowledged,
    line.conflicts,
    listed(line.errors),
    line.entriesVerified,
    listed(line.faults),
  ]);
  const total = [
    'total',
    sum(lines.map((line) => line.seconds)),
    sum(lines.map((line) => line.requests)),
    `${sum(lines.map((line) => line.acknowledged))} (${sum(lines.map((line) => line.replayed ?? 0))} by replay)`,
    sum(lines.map((line) => line.conflicts)),
    listed(merge(lines.map((line) => line.errors))),
    sum(lines.map((line) => line.entriesVerified)),
    listed(merge(lines.map((line) => line.faults))),
  ];
  const header = [
    'scenario',
    's',
    'requests',
    'acknowledged',
    'conflicts',
    'errors by class',
    'entries verified',
    'faults injected',
  ];
  const table = [header, ['---', '--:', '--:', '--:', '--:', '---', '--:', '---'], ...rows, total];
  return ['Reliability figures', '', ...table.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
