/**
 * `npm run seed:demo`: creates the demo dossiers into an empty database (embedded, or
 * the server of DATABASE_URL), never in production.
 */
import 'reflect-metadata';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { seedDemoIfEmpty } from '../src/demo/demo-seed.js';

const config = loadConfig();
if (config.production) {
  console.error('Demo data is never created in production.');
  process.exit(1);
}
const running = await createApp(config);
try {
  const created = await seedDemoIfEmpty(running.app, config);
  console.log(
    `${created.users} demo accounts and ${created.dossiers} demo dossiers created (only into an empty database).`,
  );
} finally {
  await running.close();
}
