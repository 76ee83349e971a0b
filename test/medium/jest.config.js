// The medium suite: services and repositories below HTTP, on one migrated PostgreSQL
// (the server of DATABASE_URL, or the embedded one) — README, "Test it".
import base from '../../jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
  // The run's name (setup) and the removal of its databases (teardown); the databases
  // themselves are made by the workers (support/medium-database.ts).
  globalSetup: '<rootDir>/test/medium/support/global-setup.js',
  globalTeardown: '<rootDir>/test/medium/support/global-teardown.js',
  maxWorkers: 2,
  testTimeout: 30000,
};
