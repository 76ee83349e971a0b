/**
 * The application as in production: `node dist/src/main.js` in a child process, timed
 * from spawn to its "Ready on" line; its resident memory read from /proc.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

/** The application's own variables: never inherited from the user's shell. */
const APP_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'DATABASE_POOL_SIZE',
  'ALLOW_DEV_IDENTITY',
  'SEED_DEMO',
  'TIME_ZONE',
  'BODY_LIMIT_BYTES',
  'SESSION_TTL_HOURS',
  'SESSION_IDLE_MINUTES',
  'COOKIE_SECURE',
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_IP',
  'LOGIN_SLOWDOWN_MAX_MS',
  'PASSWORD_HASH_CONCURRENCY',
  'PASSWORD_HASH_QUEUE',
  'TRUST_PROXY',
  'NODE_OPTIONS',
];

/**
 * Starts the application; resolves once it printed "Ready on <url>/api".
 * `nodeArgs` e.g. ['--cpu-prof', '--cpu-prof-dir=…'] for a profile.
 */
export async function startApp(appEnv, { nodeArgs = [], timeoutMs = 120_000 } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !APP_VARIABLES.includes(key)));
  Object.assign(env, { HOST: '127.0.0.1', PORT: '0' }, appEnv);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Ready on" after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /Ready on (http:\/\/\S+?)\/api/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], ms: performance.now() - started });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the application stopped (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  // Keep draining its output so that it never blocks on a full pipe.
  child.stdout.on('data', () => undefined);
  return {
    pid: child.pid,
    url: ready.url,
    coldStartMs: ready.ms,
    output: () => output,
    memory: () => memoryOf(child.pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // A timer left running would keep a short script alive for its 30 s after the work is done.
      let timer;
      const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(null), 30_000)));
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (result === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** VmRSS (resident now) and VmHWM (peak resident) of a process, in MB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}
