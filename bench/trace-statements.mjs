/**
 * `node bench/trace-statements.mjs` (after `npm run build`): the SQL statements the
 * application sends for one transition (REQUEST_COMPLEMENTS, with an API token), one
 * dossier read and one listing — each is a round trip to the database, the first thing
 * to count when the HTTP figures fall behind the direct-SQL limit. Uses a small data set
 * in its own database (DATABASE_URL → `scic_bench` on that server, else a temporary
 * embedded folder), removed at the end.
 */
import 'reflect-metadata';
import pg from 'pg';
import { createApp } from '../dist/src/app.factory.js';
import { loadConfig } from '../dist/src/config/app-config.js';
import { generate } from './lib/dataset.mjs';
import { isoDay } from './lib/model.mjs';
import { createTarget, openTarget } from './lib/target.mjs';
import { dossierId } from './lib/util.mjs';

const target = await createTarget(process.env.DATABASE_URL);
try {
  const database = await openTarget(target);
  const data = await generate(database.dataSource, {
    dossiers: 2000,
    journalEntries: 20_000,
    poolSize: 100,
    longJournalEntries: 1000,
  });
  await database.close();

  const running = await createApp(loadConfig(target.env));
  const fastify = running.app.getHttpAdapter().getInstance();
  await fastify.ready();
  const original = pg.Client.prototype.query;
  let statements = null;
  pg.Client.prototype.query = function (query, ...rest) {
    statements?.push(typeof query === 'string' ? query : query.text);
    return original.call(this, query, ...rest);
  };
  const auth = { authorization: `Bearer ${data.token.secret}` };
  const id = dossierId(data.parts.httpPool.from);
  const requests = [
    [
      'POST /api/dossiers/:id/events (REQUEST_COMPLEMENTS)',
      {
        method: 'POST',
        url: `/api/dossiers/${id}/events`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: { type: 'REQUEST_COMPLEMENTS', reason: 'Comptes annuels', dueDate: isoDay(45) },
      },
    ],
    ['GET /api/dossiers/:id', { method: 'GET', url: `/api/dossiers/${id}`, headers: auth }],
    ['GET /api/dossiers?q=…', { method: 'GET', url: '/api/dossiers?q=energies', headers: auth }],
  ];
  try {
    for (const [name, request] of requests) {
      statements = [];
      const response = await fastify.inject(request);
      console.log(`${name} → ${response.statusCode}: ${statements.length} statements`);
      for (const sql of statements) console.log(`  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      statements = null;
    }
  } finally {
    pg.Client.prototype.query = original;
    await running.close();
  }
} finally {
  await target.dispose();
}
