/**
 * Writes the OpenAPI document to openapi/openapi.json (`npm run openapi:generate`), or
 * with `--check` fails when the committed file differs from the code (CI).
 * The application is created in preview mode: routes are read, nothing is connected.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { buildOpenApiDocument, createFastifyAdapter } from '../src/app.factory.js';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';

const FILE = 'openapi/openapi.json';

const config = loadConfig({ NODE_ENV: 'development' });
const app = await NestFactory.create<NestFastifyApplication>(
  AppModule.forRoot({ config, dataSource: new DataSource({ type: 'postgres' }) }),
  createFastifyAdapter(config),
  { preview: true, logger: false },
);
app.setGlobalPrefix('api');
const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
await app.close();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    // Missing counts as different.
  }
  if (committed !== document) {
    console.error(`${FILE} is out of date: run npm run openapi:generate and commit it.`);
    process.exit(1);
  }
  console.log(`${FILE} is up to date.`);
} else {
  mkdirSync('openapi', { recursive: true });
  writeFileSync(FILE, document);
  console.log(`Wrote ${FILE}.`);
}
