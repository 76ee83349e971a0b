/**
 * The environment, validated once at boot: a wrong value stops the start with a message
 * naming the variable, instead of failing later on a request.
 */
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

// Decimal digits only: '0x1F90', '1e3' or ' ' are not ports.
const toInt = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN;
// A typo in a flag is refused rather than read as "off".
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined) return undefined;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  return value;
};

// IPv4 or IPv6 addresses, each with an optional /prefix; checked one by one with isIP below.
const TRUST_PROXY_LIST = /^[0-9A-Fa-f.:]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f.:]+(\/\d{1,3})?)*$/;

class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  ALLOW_DEV_IDENTITY?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsString()
  TIME_ZONE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_IP?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30_000)
  LOGIN_SLOWDOWN_MAX_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE?: number;

  @IsOptional()
  @Matches(TRUST_PROXY_LIST, {
    message: 'TRUST_PROXY must list proxy addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5,192.168.1.0/24)',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  @Length(1, 120)
  DEPARTEMENT_NAME?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WORKERS_ENABLED?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  OUTBOX_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  OUTBOX_BACKOFF_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  OUTBOX_LEASE_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(24 * 3_600_000)
  SCHEDULER_INTERVAL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REMINDER_DAYS_BEFORE?: number;

  @IsOptional()
  @Matches(/^(\w+(\.\w+)?=\d{1,4})(,\w+(\.\w+)?=\d{1,4})*$/, {
    message: 'STEP_DURATIONS_DAYS must look like instruction.activity=30,committee.awaitingSession=60',
  })
  STEP_DURATIONS_DAYS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  DOCUMENT_MAX_BYTES?: number;

  @IsOptional()
  @IsString()
  DOCUMENTS_DIR?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'MIGRATIONS_DATABASE_URL must be a postgres:// URL' })
  MIGRATIONS_DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  JOURNAL_SIGNING_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  CHECKPOINT_FILE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(24 * 3_600_000)
  CHECKPOINT_INTERVAL_MS?: number;
}

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** Set → that PostgreSQL server; unset → the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  /** The `X-Dev-User`/`X-Dev-Role` identity headers (tests, tooling); never in production. */
  allowDevIdentity: boolean;
  seedDemo: boolean;
  timeZone: string;
  bodyLimitBytes: number;
  sessionTtlMs: number;
  sessionIdleMs: number;
  /** The session cookie's Secure flag: on in production, off for local http. */
  cookieSecure: boolean;
  /**
   * Failed logins allowed within `loginWindowMs` for one account from one address
   * (`loginMaxFailuresPerAccount`), and from one address on any account; beyond: 429.
   */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginWindowMs: number;
  /**
   * Failures on one account from every address do not block it (an attacker elsewhere
   * would lock the user out): each attempt waits longer, up to this many milliseconds.
   */
  loginSlowdownMaxMs: number;
  /** argon2 computations at once, and how many may wait (beyond: 429). */
  passwordHashConcurrency: number;
  passwordHashQueue: number;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty: the
   * peer's address is the client's.
   */
  trustProxy: string[];
  /** Unset: messages are kept in the application only (in-app notifications). */
  smtpUrl?: string;
  mailFrom: string;
  /** Heads the generated documents (« Département de … »). */
  departementName: string;
  /** The outbox worker and the deadline scheduler run in this process. */
  workersEnabled: boolean;
  outboxPollMs: number;
  outboxMaxAttempts: number;
  /** First retry delay; doubled at each attempt (capped at one hour). */
  outboxBackoffMs: number;
  /**
   * How long a worker holds a message it is delivering before another instance may take
   * it (the holder died). Renewed before each e-mail; the SMTP timeouts are derived from it
   * so that a send ends within it.
   */
  outboxLeaseMs: number;
  schedulerIntervalMs: number;
  reminderDaysBefore: number;
  /** Days allowed per state; a state absent here has no due date. */
  stepDurationsDays: Record<string, number>;
  /** Largest document accepted on upload (413 beyond, refused while the body streams in). */
  documentMaxBytes: number;
  /** Where document files are kept, content-addressed by SHA-256 (default: `<dataDir>/documents`). */
  documentsDir: string;
  /**
   * The owner role's URL: when set, migrations run with it (then the application's role
   * of `databaseUrl` is granted its rights), so the application's own role owns nothing.
   */
  migrationsDatabaseUrl?: string;
  /** The Ed25519 private key (PEM) signing the journal checkpoints, outside the database. */
  journalSigningKeyFile: string;
  /** Generated at first start when missing (never in production, where it is required). */
  generateSigningKey: boolean;
  /** The append-only file of checkpoints (JSON lines), outside the database. */
  checkpointFile: string;
  checkpointIntervalMs: number;
}

/** The département's default durations per step (DOMAIN: configurable, not in code). */
export const DEFAULT_STEP_DURATIONS_DAYS: Record<string, number> = {
  'instruction.activity': 30,
  'instruction.essPractices': 30,
  'instruction.economic': 45,
  'committee.awaitingSession': 60,
  'decision.awaitingDeliberation': 60,
  'decision.decided': 15,
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = parseEnvironment(env);
  const production = parsed.NODE_ENV === 'production';
  const timeZone = parsed.TIME_ZONE ?? 'Europe/Paris';
  checkTimeZone(timeZone);
  checkProductionRules(parsed, production);
  return toAppConfig(parsed, production, timeZone);
}

/** The variables, validated; an empty variable (a blank line in an env file) means "unset", for every variable. */
function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = plainToInstance(EnvironmentVariables, set, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed;
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new ConfigError(`Invalid configuration:\n  TIME_ZONE: unknown time zone "${timeZone}" (e.g. Europe/Paris)`);
  }
}

/** What production refuses: an embedded store, development identities, a journal key beside the data. */
function checkProductionRules(parsed: EnvironmentVariables, production: boolean): void {
  if (!production) return;
  if (!parsed.DATABASE_URL) {
    // The embedded database never fsyncs: it is not a production store.
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: required when NODE_ENV=production (PostgreSQL is the production store).',
    );
  }
  // Off unless asked for: real sessions exist; the headers serve tests and tooling.
  if (parsed.ALLOW_DEV_IDENTITY) {
    throw new ConfigError('ALLOW_DEV_IDENTITY cannot be enabled when NODE_ENV=production.');
  }
  if (!parsed.JOURNAL_SIGNING_KEY_FILE) {
    // The key must live outside the data an attacker of the database would also hold.
    throw new ConfigError(
      'Invalid configuration:\n  JOURNAL_SIGNING_KEY_FILE: required when NODE_ENV=production (the Ed25519 key, PEM, that signs the journal checkpoints).',
    );
  }
}

/** The configuration with every default applied. */
function toAppConfig(parsed: EnvironmentVariables, production: boolean, timeZone: string): AppConfig {
  const dataDir = resolve(parsed.DATA_DIR ?? 'data');
  return {
    production,
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    poolSize: parsed.DATABASE_POOL_SIZE ?? 10,
    allowDevIdentity: parsed.ALLOW_DEV_IDENTITY ?? false,
    seedDemo: parsed.SEED_DEMO ?? false,
    timeZone,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES ?? 1024 * 1024,
    sessionTtlMs: (parsed.SESSION_TTL_HOURS ?? 12) * 3_600_000,
    sessionIdleMs: (parsed.SESSION_IDLE_MINUTES ?? 30) * 60_000,
    cookieSecure: parsed.COOKIE_SECURE ?? production,
    loginMaxFailuresPerAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
    loginMaxFailuresPerIp: parsed.LOGIN_MAX_FAILURES_PER_IP ?? 50,
    loginWindowMs: 15 * 60_000,
    loginSlowdownMaxMs: parsed.LOGIN_SLOWDOWN_MAX_MS ?? 3000,
    passwordHashConcurrency: parsed.PASSWORD_HASH_CONCURRENCY ?? 2,
    passwordHashQueue: parsed.PASSWORD_HASH_QUEUE ?? 32,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM ?? 'Mission ESS <mission-ess@departement.invalid>',
    departementName: parsed.DEPARTEMENT_NAME ?? 'Département',
    workersEnabled: parsed.WORKERS_ENABLED ?? true,
    outboxPollMs: parsed.OUTBOX_POLL_MS ?? 1000,
    outboxMaxAttempts: parsed.OUTBOX_MAX_ATTEMPTS ?? 8,
    outboxBackoffMs: parsed.OUTBOX_BACKOFF_MS ?? 5000,
    outboxLeaseMs: parsed.OUTBOX_LEASE_MS ?? 60_000,
    schedulerIntervalMs: parsed.SCHEDULER_INTERVAL_MS ?? 3_600_000,
    reminderDaysBefore: parsed.REMINDER_DAYS_BEFORE ?? 5,
    stepDurationsDays: stepDurations(parsed.STEP_DURATIONS_DAYS),
    documentMaxBytes: parsed.DOCUMENT_MAX_BYTES ?? 20 * 1024 * 1024,
    // Beside the embedded database by default; on a server database too, so that one
    // setting (DATA_DIR) keeps a process's files together.
    documentsDir: resolve(parsed.DOCUMENTS_DIR ?? resolve(dataDir, 'documents')),
    migrationsDatabaseUrl: parsed.MIGRATIONS_DATABASE_URL,
    journalSigningKeyFile: resolve(parsed.JOURNAL_SIGNING_KEY_FILE ?? resolve(dataDir, 'journal-signing-key.pem')),
    generateSigningKey: !production,
    checkpointFile: resolve(parsed.CHECKPOINT_FILE ?? resolve(dataDir, 'journal-checkpoints.jsonl')),
    checkpointIntervalMs: parsed.CHECKPOINT_INTERVAL_MS ?? 600_000,
  };
}

function stepDurations(overrides: string | undefined): Record<string, number> {
  return {
    ...DEFAULT_STEP_DURATIONS_DAYS,
    ...Object.fromEntries(
      (overrides ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => pair.split('='))
        .map(([state, days]) => [state, Number(days)]),
    ),
  };
}

function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    if (!family || (prefix !== undefined && !(Number(prefix) >= 0 && Number(prefix) <= maxPrefix))) {
      throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: "${entry}" is not an address nor a CIDR range.`);
    }
  }
  return entries;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
