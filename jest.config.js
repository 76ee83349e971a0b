// Jest runs in ESM mode (NestJS 12 and @nestjs/typeorm 12 ship ESM only); SWC strips the
// types and keeps decorator metadata, which Nest's dependency injection needs.
import { readFileSync } from 'node:fs';

const swcConfig = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
delete swcConfig.$schema;

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    '<rootDir>/test/browser/**/*.browser-spec.ts',
  ],
  setupFiles: ['reflect-metadata'],
  // e2e suites share one database server; running files one at a time keeps their
  // figures independent and the 2-core machine responsive.
  maxWorkers: 1,
  testTimeout: 60000,
};
