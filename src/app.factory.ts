/**
 * Builds the running application: database (embedded or server), migrations, Nest on
 * fastify, the API prefix, validation, errors and the OpenAPI document. Shared by
 * `main.ts`, the tests and the scripts, so they all run the same application.
 */
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DataSource, type QueryRunner } from 'typeorm';
import { AppModule } from './app.module.js';
import { UPLOAD_ROUTE } from './documents/documents.controller.js';
import { acceptMultipartUploads } from './documents/multipart-upload.js';
import type { Clock } from './common/clock.js';
import { restrictRequestBodies } from './common/body-parsers.js';
import { clientErrorHandler, frameworkErrors } from './common/errors/framework-errors.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { closeDatabase, openDatabase, type DatabaseHandle } from './database/data-source.js';
import { grantApplicationRole, roleOf } from './database/database-roles.js';
import { WEB_CONTENT_SECURITY_POLICY, isApiPath, serveWebApp } from './web/web-app.js';

/** Any constant will do, as long as every instance uses the same one. */
const MIGRATION_LOCK_KEY = 727_274_001;

export interface OpenedDatabase {
  dataSource: DataSource;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Connects and runs pending migrations under an advisory lock, so that instances
 * starting together on one server do not run the same migration twice.
 */
export async function openAppDatabase(config: AppConfig): Promise<OpenedDatabase> {
  // Two roles (README, "Journal and checkpoints"): the owner migrates, then grants the
  // application's role its rights; the application connects as a role that owns nothing.
  const asOwner = Boolean(config.migrationsDatabaseUrl && config.databaseUrl);
  if (asOwner) await migrateAsOwner(config);
  const handle = await openDatabase(config);
  const dataSource = new DataSource(handle.options);
  try {
    await dataSource.initialize();
    if (handle.embedded) {
      // One process per data folder (the folder lock) and one pooled connection: no
      // other instance to exclude, and no second connection to hold a lock with.
      await dataSource.runMigrations({ transaction: 'each' });
    } else if (!asOwner) {
      await runMigrationsExclusively(dataSource);
    }
  } catch (error) {
    await closeDatabase(dataSource, handle);
    throw error;
  }
  return { dataSource, handle, close: () => closeDatabase(dataSource, handle) };
}

async function migrateAsOwner(config: AppConfig): Promise<void> {
  const appRole = roleOf(config.databaseUrl!);
  const handle = await openDatabase({ ...config, databaseUrl: config.migrationsDatabaseUrl, poolSize: 2 });
  const owner = new DataSource(handle.options);
  try {
    await owner.initialize();
    await runMigrationsExclusively(owner, (runner) => grantApplicationRole(runner, appRole));
  } finally {
    await closeDatabase(owner, handle);
  }
}

async function runMigrationsExclusively(
  dataSource: DataSource,
  afterwards?: (runner: QueryRunner) => Promise<void>,
): Promise<void> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
    await afterwards?.(lockRunner);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    logger: false,
    frameworkErrors,
    clientErrorHandler,
    // X-Forwarded-For is believed only from the proxies named (request.ip is the client's).
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
  });
}

export function buildOpenApiDocument(app: INestApplicationContext & { getHttpAdapter?: unknown }): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('scic-instruction')
    .setDescription(
      "Instruction des demandes de prise de participation du département au capital des SCIC : dossiers, workflow d'instruction, journal. " +
        'Errors: { "error": { "code", "message", "details" } }.',
    )
    .setVersion('1')
    .addGlobalParameters(
      {
        name: 'X-Dev-User',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'Development identity (until sessions): user id.',
      },
      {
        name: 'X-Dev-Role',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'Development identity: role.',
      },
    )
    .build();
  return SwaggerModule.createDocument(app as NestFastifyApplication, document);
}

/**
 * Everything the application needs besides its modules: the same in production and
 * tests. Tests leave out the Swagger UI page (its static-file plugin loads an ESM-only
 * dependency through require(), which Jest's module runtime cannot do on Node 20); the
 * OpenAPI JSON is served either way.
 */
export async function configureApp(
  app: NestFastifyApplication,
  options: { swaggerUi?: boolean; secureCookies?: boolean } = {},
): Promise<void> {
  const secureCookies = options.secureCookies ?? false;
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  // Security headers on every answer (the API is JSON; the OpenAPI UI needs its scripts).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cross-origin-opener-policy', 'same-origin');
      reply.header('cross-origin-resource-policy', 'same-origin');
      if (!isApiPath(request.url)) {
        reply.header('content-security-policy', WEB_CONTENT_SECURITY_POLICY);
      } else if (!request.url.startsWith('/api/docs')) {
        reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      }
      if (secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      return payload;
    });
  // The API speaks JSON only: other bodies get 415 rather than a confusing validation error.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  restrictRequestBodies(app);
  // Except the document upload, whose multipart body its handler streams to disk.
  acceptMultipartUploads(app.getHttpAdapter().getInstance(), [UPLOAD_ROUTE]);
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
    swaggerUiEnabled: options.swaggerUi ?? true,
  });
  // The web interface, when built (npm run build): everything outside /api.
  serveWebApp(app);
}

export interface RunningApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, clock?: Clock, module?: Type<unknown>): Promise<RunningApp> {
  const database = await openAppDatabase(config);
  try {
    const app = await NestFactory.create<NestFastifyApplication>(
      module ?? AppModule.forRoot({ config, dataSource: database.dataSource, clock }),
      createFastifyAdapter(config),
      { logger: ['error', 'warn'], abortOnError: false },
    );
    await configureApp(app, { secureCookies: config.cookieSecure });
    await app.init();
    return {
      app,
      dataSource: database.dataSource,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
