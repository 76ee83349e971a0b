/**
 * The names of a medium run's databases: on the server, a migrated template database
 * made by the run's first worker, and one clone of it per worker; embedded, one migrated
 * folder per worker. All start with the run's name, by which the global teardown drops
 * them (global-teardown.js).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runId(): string {
  const run = process.env.SCIC_MEDIUM_RUN;
  if (!run) throw new Error('The medium suite runs through its jest configuration: test/medium/jest.config.js');
  return run;
}

export const templateName = (run: string) => `${run}_template`;

/** The worker's own: one per jest worker, reused by the files that worker runs. */
export const workerName = (run: string) => `${run}_w${process.env.JEST_WORKER_ID ?? '1'}`;

/** An embedded database's folder, under the system's temporary folder. */
export const embeddedFolder = (name: string) => join(tmpdir(), name);
