/**
 * Logins, web sessions and personal API tokens. Secrets are random 256-bit values; only
 * their SHA-256 is stored. Failed logins are counted in the database (so that several
 * instances share the count) per account and per address.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ROLES, isRole, type Actor, type Role } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthCredential } from './auth-credential.entity.js';
import { LoginFailure } from './login-failure.entity.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { newSecret, sameDigest, sha256 } from './secrets.js';
import { UsersService, type UserView } from './users.service.js';

export interface Authenticated {
  actor: Actor;
  /** Sessions only: the digest the request's CSRF token must match. */
  csrfHash: string | null;
}

export interface LoginResult {
  sessionSecret: string;
  csrfToken: string;
  user: UserView;
  role: Role;
  expiresAt: Date;
}

/** Last-use stamps are written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string, requestedRole?: Role): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    const now = this.clock.now();
    // The attempt is counted before the password is checked, so that guesses sent in
    // parallel cannot all pass the count; a successful or refused attempt takes its mark back.
    const attempt = await this.dataSource.getRepository(LoginFailure).insert({ email: normalized, ip, at: now });
    const attemptId = String(attempt.identifiers[0].id);
    const forget = () => this.dataSource.getRepository(LoginFailure).delete(attemptId);
    try {
      await this.refuseIfThrottled(normalized, ip, attemptId, now);
    } catch (error) {
      await forget();
      throw error;
    }

    const user = await this.users.findByEmail(normalized);
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || !user.active) {
      // One message for unknown account, wrong password and deactivated account.
      throw new DomainError(ErrorCode.Unauthenticated, {}, 'Identifiants invalides.');
    }
    await forget();
    const view = await this.users.get(user.id);
    const roles = view.roles.map((r) => r.role);
    if (requestedRole && !roles.includes(requestedRole)) {
      throw new DomainError(ErrorCode.Forbidden, { role: requestedRole }, 'Vous ne détenez pas ce rôle.');
    }
    const role = requestedRole ?? ROLES.find((candidate) => roles.includes(candidate));
    if (!role) throw new DomainError(ErrorCode.Forbidden, {}, 'Aucun rôle ne vous est attribué.');

    const sessionSecret = newSecret('sess');
    const csrfToken = newSecret('csrf');
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    await this.dataSource.getRepository(AuthCredential).insert({
      kind: 'session',
      secretHash: sha256(sessionSecret),
      userId: user.id,
      role,
      csrfHash: sha256(csrfToken),
      lastUsedAt: now,
      expiresAt,
    });
    return { sessionSecret, csrfToken, user: view, role, expiresAt };
  }

  /**
   * 429 when this attempt (already recorded as `attemptId`) goes past either limit.
   * `Retry-After` is when the limit that was hit lifts: its oldest other failure leaves
   * the window.
   */
  private async refuseIfThrottled(email: string, ip: string, attemptId: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - this.config.loginWindowMs);
    const [counts] = await this.dataSource.query<
      { account: number; address: number; account_oldest: Date | null; address_oldest: Date | null }[]
    >(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS account,
              count(*) FILTER (WHERE ip = $2)::int AS address,
              min(at) FILTER (WHERE email = $1 AND id <> $4) AS account_oldest,
              min(at) FILTER (WHERE ip = $2 AND id <> $4) AS address_oldest
         FROM login_failure WHERE at > $3 AND at <= $5 AND (email = $1 OR ip = $2)`,
      [email, ip, since, attemptId, now],
    );
    const lifts: number[] = [];
    if (counts.account > this.config.loginMaxFailuresPerAccount) lifts.push(liftTime(counts.account_oldest, now));
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

  /** The actor behind a session secret, or null when it is unknown, expired, idle or revoked. */
  async authenticateSession(secret: string): Promise<Authenticated | null> {
    const found = await this.findCredential(secret, 'session');
    if (!found) return null;
    return { actor: await this.actorOf(found.credential), csrfHash: found.credential.csrfHash };
  }

  async authenticateToken(secret: string): Promise<Authenticated | null> {
    const found = await this.findCredential(secret, 'token');
    return found ? { actor: await this.actorOf(found.credential), csrfHash: null } : null;
  }

  private async findCredential(secret: string, kind: 'session' | 'token') {
    if (secret.length > 200) return null;
    const credential = await this.dataSource
      .getRepository(AuthCredential)
      .findOneBy({ secretHash: sha256(secret), kind, revokedAt: IsNull() });
    const now = this.clock.now();
    if (!credential || (credential.expiresAt && credential.expiresAt <= now)) return null;
    const user = await this.users.findActive(credential.userId);
    if (!user) return null;
    const idleFor = now.getTime() - credential.lastUsedAt.getTime();
    if (kind === 'session' && idleFor > this.config.sessionIdleMs) return null;
    if (idleFor > TOUCH_INTERVAL_MS) {
      await this.dataSource.getRepository(AuthCredential).update(credential.id, { lastUsedAt: now });
    }
    return { credential, now };
  }

  private async actorOf(credential: AuthCredential): Promise<Actor> {
    const role = credential.role as Role;
    const grant = await this.users.grant(credential.userId, role);
    if (!grant) throw new DomainError(ErrorCode.Unauthenticated, {}, 'Ce rôle ne vous est plus attribué.');
    return {
      userId: credential.userId,
      role,
      credential: `${credential.kind}:${credential.id}`,
      signingDelegation: grant.signingDelegation,
    };
  }

  csrfMatches(csrfHash: string | null, token: unknown): boolean {
    return csrfHash !== null && typeof token === 'string' && token.length <= 200 && sameDigest(csrfHash, sha256(token));
  }

  async logout(actor: Actor): Promise<void> {
    const id = credentialId(actor);
    if (id) await this.dataSource.getRepository(AuthCredential).update(id, { revokedAt: this.clock.now() });
  }

  async switchRole(actor: Actor, role: Role): Promise<Role> {
    const id = credentialId(actor, 'session');
    if (!id) throw new DomainError(ErrorCode.Forbidden, {}, 'Seule une session web peut changer de rôle.');
    if (!(await this.users.grant(actor.userId, role))) {
      throw new DomainError(ErrorCode.Forbidden, { role }, 'Vous ne détenez pas ce rôle.');
    }
    await this.dataSource.getRepository(AuthCredential).update(id, { role });
    return role;
  }

  async createToken(actor: Actor, name: string, role: Role, expiresInDays?: number) {
    if (!isRole(role) || !(await this.users.grant(actor.userId, role))) {
      throw new DomainError(ErrorCode.Forbidden, { role }, 'Vous ne détenez pas ce rôle.');
    }
    const secret = newSecret('scic');
    const now = this.clock.now();
    const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
    const repository = this.dataSource.getRepository(AuthCredential);
    const saved = await repository.save(
      repository.create({
        kind: 'token',
        secretHash: sha256(secret),
        userId: actor.userId,
        role,
        name,
        lastUsedAt: now,
        expiresAt,
      }),
    );
    return { id: saved.id, name, role, expiresAt, token: secret };
  }

  async listTokens(userId: string) {
    const tokens = await this.dataSource.getRepository(AuthCredential).find({
      where: { userId, kind: 'token' },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(({ id, name, role, createdAt, lastUsedAt, expiresAt, revokedAt }) => ({
      id,
      name,
      role,
      createdAt,
      lastUsedAt,
      expiresAt,
      revokedAt,
    }));
  }

  async revokeToken(userId: string, tokenId: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(AuthCredential)
      .update({ id: tokenId, userId, kind: 'token', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected) throw new DomainError(ErrorCode.TokenNotFound, { tokenId });
  }

  /** Ends every session and token of a user (deactivation, password reset). */
  async revokeAll(userId: string): Promise<void> {
    await this.dataSource
      .getRepository(AuthCredential)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}

function liftTime(oldest: Date | null, now: Date): number {
  return oldest ? new Date(oldest).getTime() : now.getTime();
}

function credentialId(actor: Actor, kind?: 'session' | 'token'): string | undefined {
  const [type, id] = (actor.credential ?? '').split(':');
  return id && (type === 'session' || type === 'token') && (!kind || kind === type) ? id : undefined;
}
