/**
 * What each scenario did, for the figures printed at the end of the run
 * (`test/reliability/figures-report.mjs`): one JSON line per scenario, appended to the
 * file the run's global set-up names in RELIABILITY_FIGURES_FILE.
 */
import { appendFileSync } from 'node:fs';

export class Figures {
  /** HTTP requests sent, reads and retries included. */
  requests = 0;
  /** Writes the server acknowledged (2xx); a transition answered twice (a replay) counts once. */
  acknowledged = 0;
  /** Of those, acknowledged only by a replay: the first answer was lost (kill, restart), the retry got it. */
  replayed = 0;
  /** 409 and 412 answers to writes: the expected refusals of concurrent clients. */
  conflicts = 0;
  /** Everything else that was not a success, by class (`503 DATABASE_UNAVAILABLE`, `connection refused`…). */
  readonly errors: Record<string, number> = {};
  /** Journal entries whose hash chain was verified after the scenario. */
  entriesVerified = 0;
  /** Faults injected, by kind (`SIGKILL`, `PostgreSQL stop -m fast`, `hostile request`…). */
  readonly faults: Record<string, number> = {};
  private readonly started = Date.now();

  constructor(readonly scenario: string) {}

  error(kind: string, count = 1): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + count;
  }

  fault(kind: string, count = 1): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + count;
  }

  /** Appends this scenario's line to the run's figures (no-op outside `npm run test:reliability`). */
  save(): void {
    const file = process.env.RELIABILITY_FIGURES_FILE;
    const line = {
      scenario: this.scenario,
      seconds: Math.round((Date.now() - this.started) / 1000),
      requests: this.requests,
      acknowledged: this.acknowledged,
      replayed: this.replayed,
      conflicts: this.conflicts,
      errors: this.errors,
      entriesVerified: this.entriesVerified,
      faults: this.faults,
    };
    if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
    else console.log(JSON.stringify(line));
  }
}
