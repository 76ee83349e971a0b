import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataFolderLockedError } from './database/data-folder-lock.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './demo/demo-seed.js';

async function main(): Promise<void> {
  // Every file the application writes (embedded database, pieces, keys, checkpoints) is
  // readable by its own user only; the folders are also created 0700 explicitly.
  process.umask(0o077);
  // Plain console output: the application's logger shows only warnings and errors.
  const logger = { log: (message: string) => console.log(message) };
  const config = loadConfig();
  const running = await createApp(config);
  if (!config.databaseUrl || config.seedDemo) {
    const seeded = await seedDemoIfEmpty(running.app, config);
    if (seeded.users || seeded.dossiers) {
      logger.log(
        `Demo data: ${seeded.users} accounts and ${seeded.dossiers} dossiers created (the database was empty).`,
      );
      logger.log(
        `Log in as instructeur@demo.scic.fr (or admin@, elu.signataire@, secretaire@ …) with the password ${DEMO_PASSWORD}`,
      );
    }
  }
  await running.app.listen({ port: config.port, host: config.host });
  const url = (await running.app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(
    `Ready on ${url}/api (OpenAPI: ${url}/api/docs) — database: ${config.databaseUrl ? 'PostgreSQL server' : `embedded (${config.dataDir})`}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping.`);
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
