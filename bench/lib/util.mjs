/**
 * Small helpers of the bench: a seeded random generator (the data set is the same on
 * every run), identifiers derived from an index (so that SQL scripts such as pgbench's
 * can compute them too), percentiles and formatting.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** mulberry32: a tiny, fast, seeded PRNG; deterministic across runs and machines. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** The uuid PostgreSQL gives for `md5(text)::uuid`. */
export function md5Uuid(text) {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const dossierId = (index) => md5Uuid(`bench-dossier-${index}`);
export const scicId = (index) => md5Uuid(`bench-scic-${index}`);

/** A SIREN with its Luhn check digit: eight digits from `index`, a bijection on 0…89,999,999. */
export function sirenOf(index) {
  const base = String(10_000_000 + ((index * 7919) % 90_000_000));
  let sum = 0;
  // The check digit is at position 0 from the right; the base's last digit is doubled.
  for (let i = 0; i < 8; i++) {
    let digit = Number(base[7 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return base + String((10 - (sum % 10)) % 10);
}

/** Percentile (0–100) of an unsorted list of numbers, nearest rank. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function elapsedSince(started) {
  return (performance.now() - started) / 1000;
}

/** Quotes a string as an SQL literal. */
export function sqlLiteral(text) {
  return `'${String(text).replace(/'/g, "''")}'`;
}

export function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const CLOCK_TICKS = 100;

/** CPU seconds used so far by a process (user + system), from /proc. */
export function processCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Busy and total CPU seconds of the whole machine so far, from /proc/stat. */
function machineCpuSeconds() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = values[3] + values[4];
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * Measures where the CPU went during `work`: the application process (when given), this
 * process (the load generator) and the rest of the machine (the database server, mostly),
 * each in cores (1.0 = one core busy all along).
 */
export async function withCpu(appPid, work) {
  const started = performance.now();
  const machine0 = machineCpuSeconds();
  const self0 = processCpuSeconds(process.pid);
  const app0 = appPid ? processCpuSeconds(appPid) : 0;
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const machine1 = machineCpuSeconds();
  const app = appPid ? processCpuSeconds(appPid) - app0 : 0;
  const self = processCpuSeconds(process.pid) - self0;
  const busy = machine1.busy - machine0.busy;
  const cores = (value) => Math.round((100 * value) / seconds) / 100;
  return {
    result,
    cpu: {
      app: appPid ? cores(app) : null,
      loadGenerator: cores(self),
      rest: cores(Math.max(0, busy - app - self)),
      machineBusyPercent: Math.round((100 * busy) / (machine1.total - machine0.total)),
    },
  };
}
