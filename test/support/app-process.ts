/**
 * The production build (`node dist/src/main.js`, built by `npm run build`) in a child
 * process, for the suites that kill, restart or run several instances of it. The child
 * gets the test's environment minus Jest's flags, plus what the caller gives; it is ready
 * when it prints "Ready on <url>/api".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { until } from './poll.js';

export const MAIN = join(process.cwd(), 'dist/src/main.js');

export interface AppProcess {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const running = new Set<AppProcess>();

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error('Build the application first: npm run build (npm test does)');
}

/**
 * Starts the application. `DATABASE_URL` is the one of `env` only: unset there, the child
 * runs on the embedded database of `DATA_DIR` whatever the test's environment says.
 */
export function startAppProcess(env: Record<string, string>): AppProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env };
  // Jest's flags are not the application's.
  delete childEnv.NODE_OPTIONS;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const handle: AppProcess = {
    process: child,
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  running.add(handle);
  void handle.exited.then(() => running.delete(handle));
  return handle;
}

/** The base URL (without `/api`) once the process says it is ready; throws if it exits first. */
export function readyUrl(child: AppProcess, timeoutMs = 120_000): Promise<string> {
  return until(
    'the application to be ready',
    () => {
      if (child.process.exitCode !== null || child.process.signalCode !== null)
        throw new Error(`the application exited: ${child.output()}`);
      return /Ready on (http:\/\/\S+)\/api/.exec(child.output())?.[1];
    },
    { timeoutMs, everyMs: 100 },
  );
}

/** kill -9: no shutdown hook runs. */
export async function killHard(child: AppProcess): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await child.exited;
}

/** A graceful stop (SIGTERM); answers the exit code. */
export async function stopGracefully(child: AppProcess): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
  return child.exited;
}

/** Kills whatever this test file started and is still running (after a failure too). */
export async function killAllAppProcesses(): Promise<void> {
  for (const child of [...running]) await killHard(child);
}

/** A TCP port free right now on the loopback, for a process that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
