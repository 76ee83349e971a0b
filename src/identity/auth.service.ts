/**
 * Logins, web sessions and the authentication of personal API tokens (their creation
 * and revocation: ApiTokensService). Secrets are random 256-bit values; only their SHA-256
 * is stored. Password guessing is throttled by LoginThrottle. Acts that
 * need it (signing, creating a token) ask for a recent authentication: the password
 * again, or a session whose password was checked less than five minutes ago.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ROLES, type Actor, type Reauthentication, type Role } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import { AuthCredential } from './auth-credential.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, passwordHashing, verifyPassword } from './password.js';
import { newSecret, sameDigest, sha256 } from './secrets.js';
import type { User } from './user.entity.js';
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

/** A session's password check counts as a recent authentication for this long. */
export const RECENT_AUTHENTICATION_MS = 5 * 60_000;

/** What a re-authentication is for, to word its refusals. */
export type ReauthenticationPurpose = 'sign' | 'createToken';

const TOKEN_REFUSED: Record<ReauthenticationPurpose, string> = {
  sign: 'Un jeton d’API ne peut pas signer : signez depuis votre session, en confirmant votre mot de passe.',
  createToken:
    'Un jeton d’API ne peut pas créer de jeton : créez-le depuis votre session, en confirmant votre mot de passe.',
};

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly journal: AdminJournalService,
  ) {
    passwordHashing.configure({ concurrency: config.passwordHashConcurrency, queue: config.passwordHashQueue });
  }

  async login(email: string, password: string, ip: string, requestedRole?: Role): Promise<LoginResult> {
    const user = await this.checkPassword(email.trim().toLowerCase(), password, ip);
    if (!user) {
      // One message for unknown account, wrong password and deactivated account.
      throw new DomainError(ErrorCode.Unauthenticated, {}, 'Identifiants invalides.');
    }
    const now = this.clock.now();
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
      authenticatedAt: now,
      expiresAt,
    });
    return { sessionSecret, csrfToken, user: view, role, expiresAt };
  }

  /**
   * The active user whose password this is, or null; throttled (an attempt that fails
   * counts towards the limits, login or confirmation alike).
   */
  private async checkPassword(email: string, password: string, ip: string): Promise<User | null> {
    passwordHashing.assertCapacity();
    const forget = await this.throttle.begin(email, ip);
    let user: User | null;
    let valid: boolean;
    try {
      user = await this.users.findByEmail(email);
      valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    } catch (error) {
      // Hashing saturated (429) or the database failed: no guess was checked.
      await forget();
      throw error;
    }
    if (!user || !valid || !user.active) return null;
    await forget();
    return user;
  }

  /**
   * Proves again who the caller is, before signing or creating a token: the password
   * typed again (`password`), or a web session whose password was checked less than
   * five minutes ago. An API token never qualifies. Refusals are 403 with a French message.
   */
  async reauthenticate(
    actor: Actor,
    password: string | undefined,
    ip: string,
    purpose: ReauthenticationPurpose,
  ): Promise<Reauthentication> {
    const now = this.clock.now();
    // The development identity exists only where ALLOW_DEV_IDENTITY is on (never in production).
    if (actor.credential === 'dev') return { method: 'DEV_IDENTITY', at: now.toISOString() };
    if (actor.credential?.startsWith('token:')) {
      throw new DomainError(
        ErrorCode.Forbidden,
        { reason: 'TOKEN_CANNOT_' + purposeCode(purpose) },
        TOKEN_REFUSED[purpose],
      );
    }
    const id = credentialId(actor, 'session');
    const session = id ? await this.dataSource.getRepository(AuthCredential).findOneBy({ id }) : null;
    if (!session) throw reauthenticationRequired();
    if (password !== undefined) {
      const user = await this.users.findActive(actor.userId);
      const checked = user ? await this.checkPassword(user.email, password, ip) : null;
      if (!checked) {
        throw new DomainError(
          ErrorCode.Forbidden,
          { reason: 'REAUTHENTICATION_FAILED' },
          'Mot de passe incorrect : votre identité n’est pas confirmée.',
        );
      }
      const at = this.clock.now();
      await this.dataSource.getRepository(AuthCredential).update(session.id, { authenticatedAt: at });
      return { method: 'PASSWORD', at: at.toISOString() };
    }
    const last = session.authenticatedAt ? new Date(session.authenticatedAt) : null;
    if (last && now.getTime() - last.getTime() < RECENT_AUTHENTICATION_MS) {
      return { method: 'RECENT_LOGIN', at: last.toISOString() };
    }
    throw reauthenticationRequired();
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
      // A delegation in force today (confirmed by a second administrator), and whether
      // the password an administrator reset must be changed first.
      ...(await this.users.sessionFacts(credential.userId, role)),
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

  /** Ends every session and token of a user (deactivation, password reset). */
  async revokeAll(userId: string): Promise<void> {
    await this.dataSource
      .getRepository(AuthCredential)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}

function purposeCode(purpose: ReauthenticationPurpose): string {
  return purpose === 'sign' ? 'SIGN' : 'CREATE_TOKEN';
}

function reauthenticationRequired(): DomainError {
  return new DomainError(
    ErrorCode.Forbidden,
    { reason: 'REAUTHENTICATION_REQUIRED' },
    'Confirmez votre identité : saisissez votre mot de passe (votre dernière authentification date de plus de cinq minutes).',
  );
}

function credentialId(actor: Actor, kind?: 'session' | 'token'): string | undefined {
  const [type, id] = (actor.credential ?? '').split(':');
  return id && (type === 'session' || type === 'token') && (!kind || kind === type) ? id : undefined;
}
