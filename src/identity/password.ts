/**
 * Password hashing: argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes).
 * Each hash takes tens of milliseconds of CPU and a thread of libuv's small pool, which
 * file reads and writes share: a flood of logins must not starve the other requests.
 * So at most `concurrency` hashes run at once, at most `queue` wait, and beyond that the
 * caller is answered 429 at once rather than queued without end.
 */
import argon2 from 'argon2';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

export const MIN_PASSWORD_LENGTH = 12;

export interface HashingLimits {
  concurrency: number;
  queue: number;
}

/** A counting semaphore with a bounded queue. */
export class BoundedSemaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limits: HashingLimits) {}

  configure(limits: HashingLimits): void {
    this.limits = limits;
  }

  /**
   * Refuses at once when a task would be refused: a login checks this before it touches
   * the database, so that a flood answered 429 costs no query.
   */
  assertCapacity(): void {
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queue) throw busy();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.queue) throw busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get busy(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

function busy(): DomainError {
  return new DomainError(
    ErrorCode.TooManyRequests,
    { retryAfterSeconds: 1 },
    'Trop de connexions en cours : réessayez dans un instant.',
  );
}

export const passwordHashing = new BoundedSemaphore({ concurrency: 2, queue: 32 });

export function hashPassword(password: string): Promise<string> {
  return passwordHashing.run(() => argon2.hash(password, { type: argon2.argon2id }));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return passwordHashing.run(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

/**
 * Verified against when the e-mail is unknown, so that an unknown account takes as long
 * to refuse as a wrong password (no account enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  // Outside the semaphore's queue limit: a refused first computation must not stick.
  dummyHash ??= argon2.hash('not-a-password-of-anyone', { type: argon2.argon2id });
  return dummyHash;
}
