/**
 * Password guessing, throttled without handing an attacker the power to lock a user out.
 * Failed attempts are counted in the database (so that several instances share the
 * count) and limited:
 * - per (account, address): beyond `loginMaxFailuresPerAccount`, 429 with Retry-After;
 * - per address, whatever the account: beyond `loginMaxFailuresPerIp`, 429;
 * - per account, from every address: never refused, only slowed — each attempt waits a
 *   delay that doubles with the recent failures, capped at `loginSlowdownMaxMs`. An
 *   attacker elsewhere thus cannot stop the user logging in from their own address.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LoginFailure } from './login-failure.entity.js';

/** Failures on an account (all addresses) before its attempts start to be slowed. */
const FREE_ACCOUNT_FAILURES = 3;
const FIRST_DELAY_MS = 250;

interface Counts {
  pair: number;
  address: number;
  account: number;
  pair_oldest: Date | null;
  address_oldest: Date | null;
}

@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records an attempt as a failure, refuses it beyond the limits, and waits the
   * account's delay. The attempt is counted before the password is checked, so that
   * guesses sent in parallel cannot all pass the count; the returned function takes the
   * mark back once the password proved right.
   */
  async begin(email: string, ip: string): Promise<() => Promise<void>> {
    const now = this.clock.now();
    const repository = this.dataSource.getRepository(LoginFailure);
    const attempt = await repository.insert({ email, ip, at: now });
    const attemptId = String(attempt.identifiers[0].id);
    const forget = async () => {
      await repository.delete(attemptId);
    };
    let counts: Counts;
    try {
      counts = await this.count(email, ip, attemptId, now);
      this.refuseBeyondLimits(counts, now);
    } catch (error) {
      await forget();
      throw error;
    }
    const delay = this.delayFor(counts.account);
    if (delay > 0) await sleep(delay);
    return forget;
  }

  /** The delay before an attempt on an account that failed `failures` times recently. */
  delayFor(failures: number): number {
    if (failures < FREE_ACCOUNT_FAILURES) return 0;
    const doublings = Math.min(failures - FREE_ACCOUNT_FAILURES, 16);
    return Math.min(this.config.loginSlowdownMaxMs, FIRST_DELAY_MS * 2 ** doublings);
  }

  private async count(email: string, ip: string, attemptId: string, now: Date): Promise<Counts> {
    const since = new Date(now.getTime() - this.config.loginWindowMs);
    const [counts] = await this.dataSource.query<Counts[]>(
      `SELECT count(*) FILTER (WHERE email = $1 AND ip = $2)::int AS pair,
              count(*) FILTER (WHERE ip = $2)::int AS address,
              count(*) FILTER (WHERE email = $1 AND id <> $4)::int AS account,
              min(at) FILTER (WHERE email = $1 AND ip = $2 AND id <> $4) AS pair_oldest,
              min(at) FILTER (WHERE ip = $2 AND id <> $4) AS address_oldest
         FROM login_failure WHERE at > $3 AND at <= $5 AND (email = $1 OR ip = $2)`,
      [email, ip, since, attemptId, now],
    );
    return counts;
  }

  /**
   * 429 when this attempt goes past either limit. `Retry-After` is when the limit that
   * was hit lifts: its oldest other failure leaves the window.
   */
  private refuseBeyondLimits(counts: Counts, now: Date): void {
    const lifts: number[] = [];
    if (counts.pair > this.config.loginMaxFailuresPerAccount) lifts.push(liftTime(counts.pair_oldest, now));
    if (counts.address > this.config.loginMaxFailuresPerIp) lifts.push(liftTime(counts.address_oldest, now));
    if (!lifts.length) return;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((Math.max(...lifts) + this.config.loginWindowMs - now.getTime()) / 1000),
    );
    throw new DomainError(
      ErrorCode.TooManyRequests,
      { retryAfterSeconds },
      'Trop de tentatives de connexion : réessayez plus tard.',
    );
  }
}

function liftTime(oldest: Date | null, now: Date): number {
  return oldest ? new Date(oldest).getTime() : now.getTime();
}
