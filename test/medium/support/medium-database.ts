/**
 * A medium spec's database and Nest testing module: the worker's clone of the run's
 * migrated template (made on the worker's first use, kept for its next files), and a
 * module holding only the modules under test, above TypeORM.
 */
import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ModuleMetadata } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openAppDatabase } from '../../../src/app.factory.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { workerDatabase } from './server.js';
import { embeddedFolder, runId, workerName } from './template.js';

export interface Medium {
  moduleRef: TestingModule;
  dataSource: DataSource;
  /** Whether the database is a PostgreSQL server (several sessions) or the embedded one (one session). */
  kind: 'server' | 'embedded';
  close(): Promise<void>;
}

/** The environment that points the application's configuration at the worker's database. */
async function workerEnvironment(): Promise<Record<string, string>> {
  const run = runId();
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) return { DATABASE_URL: await workerDatabase(adminUrl, run) };
  // Embedded: the worker's own folder, migrated when first opened, reopened by its next files.
  return { DATA_DIR: embeddedFolder(workerName(run)) };
}

export async function startMedium(imports: NonNullable<ModuleMetadata['imports']>): Promise<Medium> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...(await workerEnvironment()) };
  const database = await openAppDatabase(loadConfig(env));
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => database.dataSource.options,
          dataSourceFactory: async () => database.dataSource,
        }),
        ...imports,
      ],
    }).compile();
    return {
      moduleRef,
      dataSource: database.dataSource,
      kind: process.env.DATABASE_URL ? 'server' : 'embedded',
      async close() {
        await moduleRef.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
