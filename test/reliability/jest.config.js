// `npm run test:reliability`: the production build attacked in child processes. Its own
// configuration, so that `npm test` never picks these files up (they need a PostgreSQL
// server, start and kill processes, and take minutes).
import base from '../../jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
  // One scenario at a time: each one measures what the machine's two cores give it.
  maxWorkers: 1,
  testTimeout: 300_000,
  globalSetup: '<rootDir>/test/reliability/figures-report.js',
  globalTeardown: '<rootDir>/test/reliability/figures-report.js',
};
