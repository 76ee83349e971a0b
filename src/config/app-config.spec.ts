import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, DEFAULT_STEP_DURATIONS_DAYS, loadConfig, type AppConfig } from './app-config.js';

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const PROD_DB = 'postgres://scic@db:5432/scic';
const PROD_KEY = '/etc/scic/journal-signing-key.pem';

describe('loadConfig', () => {
  it('requires DATABASE_URL in production (the embedded database is not a production store)', () => {
    expect(refusal({ NODE_ENV: 'production' }).message).toMatch(/DATABASE_URL: required when NODE_ENV=production/);
  });

  it.each(['Mars/Olympus', 'Paris', 'UTC+2'])('refuses the unknown TIME_ZONE %s at start', (timeZone) => {
    expect(refusal({ TIME_ZONE: timeZone }).message).toMatch(/TIME_ZONE/);
  });

  it('accepts a known TIME_ZONE', () => {
    expect(loadConfig({ TIME_ZONE: 'America/Cayenne' }).timeZone).toBe('America/Cayenne');
  });

  it('applies the defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual<AppConfig>({
      production: false,
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: resolve('data'),
      poolSize: 10,
      allowDevIdentity: false,
      seedDemo: false,
      timeZone: 'Europe/Paris',
      bodyLimitBytes: 1024 * 1024,
      sessionTtlMs: 12 * 3_600_000,
      sessionIdleMs: 30 * 60_000,
      cookieSecure: false,
      loginMaxFailuresPerAccount: 5,
      loginMaxFailuresPerIp: 50,
      loginWindowMs: 15 * 60_000,
      loginSlowdownMaxMs: 3000,
      passwordHashConcurrency: 2,
      passwordHashQueue: 32,
      trustProxy: [],
      smtpUrl: undefined,
      mailFrom: 'Mission ESS <mission-ess@departement.invalid>',
      departementName: 'Département',
      workersEnabled: true,
      outboxPollMs: 1000,
      outboxMaxAttempts: 8,
      outboxBackoffMs: 5000,
      outboxLeaseMs: 60_000,
      schedulerIntervalMs: 3_600_000,
      reminderDaysBefore: 5,
      stepDurationsDays: DEFAULT_STEP_DURATIONS_DAYS,
      documentMaxBytes: 20 * 1024 * 1024,
      documentsDir: resolve('data', 'documents'),
      migrationsDatabaseUrl: undefined,
      journalSigningKeyFile: resolve('data', 'journal-signing-key.pem'),
      generateSigningKey: true,
      checkpointFile: resolve('data', 'journal-checkpoints.jsonl'),
      checkpointIntervalMs: 600_000,
    });
  });

  it('requires JOURNAL_SIGNING_KEY_FILE in production, naming it', () => {
    const error = refusal({ NODE_ENV: 'production', DATABASE_URL: PROD_DB });
    expect(error.message).toMatch(/JOURNAL_SIGNING_KEY_FILE: required when NODE_ENV=production/);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: PROD_DB, JOURNAL_SIGNING_KEY_FILE: PROD_KEY });
    expect(config).toMatchObject({ journalSigningKeyFile: PROD_KEY, generateSigningKey: false });
  });

  describe('TRUST_PROXY', () => {
    it('lists the proxies whose X-Forwarded-For is believed', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1' }).trustProxy).toEqual([
        '10.0.0.5',
        '192.168.1.0/24',
        '::1',
      ]);
    });

    it.each(['10.0.0.300', '10.0.0.0/33', 'proxy.local', '10.0.0.1;'])('refuses %s, naming the variable', (value) => {
      expect(refusal({ TRUST_PROXY: value }).message).toMatch(/TRUST_PROXY/);
    });
  });

  describe('DOCUMENTS_DIR', () => {
    it('defaults to documents/ inside DATA_DIR', () => {
      expect(loadConfig({ DATA_DIR: '/srv/scic/data' }).documentsDir).toBe('/srv/scic/data/documents');
    });

    it('is read as an absolute path when set', () => {
      expect(loadConfig({ DOCUMENTS_DIR: 'files' }).documentsDir).toBe(resolve(process.cwd(), 'files'));
    });
  });

  it('reads step durations from STEP_DURATIONS_DAYS over the defaults', () => {
    expect(
      loadConfig({ STEP_DURATIONS_DAYS: 'instruction.activity=10,committee.scheduled=7' }).stepDurationsDays,
    ).toEqual({
      ...DEFAULT_STEP_DURATIONS_DAYS,
      'instruction.activity': 10,
      'committee.scheduled': 7,
    });
    expect(refusal({ STEP_DURATIONS_DAYS: 'activity=ten' }).message).toMatch(/STEP_DURATIONS_DAYS/);
  });

  it('ignores unrelated variables of the environment', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', npm_config_x: 'y' })).toEqual(loadConfig({}));
  });

  describe('PORT', () => {
    it.each<[string, string | undefined, number]>([
      ['unset → 3000', undefined, 3000],
      ['empty → 3000', '', 3000],
      ['8080', '8080', 8080],
      ['lowest: 0 (any free port)', '0', 0],
      ['highest: 65535', '65535', 65535],
    ])('accepts %s', (_scenario, PORT, expected) => {
      expect(loadConfig({ PORT }).port).toBe(expected);
    });

    it.each([
      ['letters', 'abc'],
      ['above 65535', '70000'],
      ['65536', '65536'],
      ['negative', '-1'],
      ['decimal', '80.5'],
      ['digits then letters', '80abc'],
    ])('refuses %s (%j), naming PORT', (_scenario, PORT) => {
      expect(refusal({ PORT }).message).toMatch(/PORT/);
    });
  });

  describe('DATABASE_URL', () => {
    it.each([
      ['postgres://', 'postgres://app:secret@db.example:5432/scic'],
      ['postgresql://', 'postgresql://localhost/scic'],
    ])('accepts a %s URL', (_scenario, DATABASE_URL) => {
      expect(loadConfig({ DATABASE_URL }).databaseUrl).toBe(DATABASE_URL);
    });

    it('is undefined when unset (the embedded database is used)', () => {
      expect(loadConfig({}).databaseUrl).toBeUndefined();
    });

    it.each([
      ['mysql://', 'mysql://localhost/scic'],
      ['http://', 'http://localhost:5432'],
      ['a bare host', 'localhost:5432'],
      ['a scheme not at the start', 'x-postgres://localhost'],
      ['POSTGRES:// upper case', 'POSTGRES://localhost/scic'],
    ])('refuses %s with the rule in the message', (_scenario, DATABASE_URL) => {
      expect(refusal({ DATABASE_URL }).message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    });
  });

  describe('ALLOW_DEV_IDENTITY', () => {
    it.each<[string, NodeJS.ProcessEnv, boolean]>([
      ['default without NODE_ENV → off', {}, false],
      ['default in development → off', { NODE_ENV: 'development' }, false],
      ['default in test → off', { NODE_ENV: 'test' }, false],
      [
        'default in production → off',
        { NODE_ENV: 'production', DATABASE_URL: PROD_DB, JOURNAL_SIGNING_KEY_FILE: PROD_KEY },
        false,
      ],
      [
        'empty in production → off (default)',
        { NODE_ENV: 'production', DATABASE_URL: PROD_DB, JOURNAL_SIGNING_KEY_FILE: PROD_KEY, ALLOW_DEV_IDENTITY: '' },
        false,
      ],
      ['false in development → off', { NODE_ENV: 'development', ALLOW_DEV_IDENTITY: 'false' }, false],
      ['0 in development → off', { NODE_ENV: 'development', ALLOW_DEV_IDENTITY: '0' }, false],
      [
        'false in production → off',
        {
          NODE_ENV: 'production',
          DATABASE_URL: PROD_DB,
          JOURNAL_SIGNING_KEY_FILE: PROD_KEY,
          ALLOW_DEV_IDENTITY: 'false',
        },
        false,
      ],
      ['true in development → on', { NODE_ENV: 'development', ALLOW_DEV_IDENTITY: 'true' }, true],
      ['TRUE in test → on', { NODE_ENV: 'test', ALLOW_DEV_IDENTITY: 'TRUE' }, true],
      ['1 → on', { ALLOW_DEV_IDENTITY: '1' }, true],
      ['yes → on', { ALLOW_DEV_IDENTITY: 'yes' }, true],
    ])('%s', (_scenario, env, expected) => {
      const config = loadConfig(env);
      expect(config.allowDevIdentity).toBe(expected);
      expect(config.production).toBe(env.NODE_ENV === 'production');
    });

    it.each(['true', 'TRUE', '1', 'yes'])(
      'refuses ALLOW_DEV_IDENTITY=%s with NODE_ENV=production, naming it',
      (value) => {
        const error = refusal({
          NODE_ENV: 'production',
          DATABASE_URL: PROD_DB,
          JOURNAL_SIGNING_KEY_FILE: PROD_KEY,
          ALLOW_DEV_IDENTITY: value,
        });
        expect(error.message).toMatch(/ALLOW_DEV_IDENTITY/);
        expect(error.message).toMatch(/NODE_ENV=production/);
      },
    );
  });

  describe('NODE_ENV', () => {
    it.each(['development', 'production', 'test'])('accepts %s', (NODE_ENV) => {
      expect(() => loadConfig({ NODE_ENV, DATABASE_URL: PROD_DB, JOURNAL_SIGNING_KEY_FILE: PROD_KEY })).not.toThrow();
    });

    it.each([['staging'], ['Production']])('refuses %s, naming NODE_ENV', (NODE_ENV) => {
      expect(refusal({ NODE_ENV }).message).toMatch(/NODE_ENV/);
    });
  });

  describe('DATA_DIR', () => {
    it.each<[string, string | undefined, string]>([
      ['unset → ./data', undefined, resolve(process.cwd(), 'data')],
      ['relative', 'var/db', join(process.cwd(), 'var', 'db')],
      ['relative with ..', '../elsewhere', resolve(process.cwd(), '..', 'elsewhere')],
      ['absolute, kept', '/srv/scic/data', '/srv/scic/data'],
      ['absolute, normalised', '/srv/scic/./data/', '/srv/scic/data'],
    ])('%s', (_scenario, DATA_DIR, expected) => {
      const { dataDir } = loadConfig({ DATA_DIR });
      expect(isAbsolute(dataDir)).toBe(true);
      expect(dataDir).toBe(expected);
    });
  });

  describe('other settings', () => {
    it.each<[string, NodeJS.ProcessEnv, Partial<AppConfig>]>([
      ['HOST', { HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
      ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '25' }, { poolSize: 25 }],
      ['SEED_DEMO=true', { SEED_DEMO: 'true' }, { seedDemo: true }],
      ['TIME_ZONE', { TIME_ZONE: 'America/Cayenne' }, { timeZone: 'America/Cayenne' }],
      ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '2048' }, { bodyLimitBytes: 2048 }],
      ['OUTBOX_LEASE_MS', { OUTBOX_LEASE_MS: '5000' }, { outboxLeaseMs: 5000 }],
      ['DOCUMENT_MAX_BYTES', { DOCUMENT_MAX_BYTES: '65536' }, { documentMaxBytes: 65536 }],
    ])('reads %s', (_scenario, env, expected) => {
      expect(loadConfig(env)).toMatchObject(expected);
    });

    it.each<[string, NodeJS.ProcessEnv, RegExp]>([
      ['DATABASE_POOL_SIZE=0', { DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
      ['DATABASE_POOL_SIZE=201', { DATABASE_POOL_SIZE: '201' }, /DATABASE_POOL_SIZE/],
      ['BODY_LIMIT_BYTES=10', { BODY_LIMIT_BYTES: '10' }, /BODY_LIMIT_BYTES/],
      // Shorter than a second, a lease would run out during an ordinary send.
      ['OUTBOX_LEASE_MS=999', { OUTBOX_LEASE_MS: '999' }, /OUTBOX_LEASE_MS/],
      ['OUTBOX_LEASE_MS=3600001', { OUTBOX_LEASE_MS: '3600001' }, /OUTBOX_LEASE_MS/],
      ['OUTBOX_LEASE_MS=5s', { OUTBOX_LEASE_MS: '5s' }, /OUTBOX_LEASE_MS/],
      ['DOCUMENT_MAX_BYTES=20MB', { DOCUMENT_MAX_BYTES: '20MB' }, /DOCUMENT_MAX_BYTES/],
      ['DOCUMENT_MAX_BYTES=100', { DOCUMENT_MAX_BYTES: '100' }, /DOCUMENT_MAX_BYTES/],
      ['DOCUMENT_MAX_BYTES above 1 GiB', { DOCUMENT_MAX_BYTES: String(2 ** 30 + 1) }, /DOCUMENT_MAX_BYTES/],
    ])('refuses %s', (_scenario, env, pattern) => {
      expect(refusal(env).message).toMatch(pattern);
    });

    it('lists every invalid variable in one error', () => {
      const { message } = refusal({ PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
      expect(message).toMatch(/^Invalid configuration:/);
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/NODE_ENV/);
    });
  });
});
