/**
 * `npm run admin:create`: the first administrator of an installation (production
 * included), from ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD — the password from the
 * environment, not the command line, so that it does not show in the process list.
 * Refused once an active administrator exists.
 */
import 'reflect-metadata';
import { createApp } from '../src/app.factory.js';
import { DomainError } from '../src/common/errors/domain-error.js';
import { loadConfig } from '../src/config/app-config.js';
import { createFirstAdmin } from '../src/identity/first-admin.js';
import { UsersService } from '../src/identity/users.service.js';

const running = await createApp(loadConfig());
try {
  const admin = await createFirstAdmin(running.app.get(UsersService), {
    email: process.env.ADMIN_EMAIL,
    displayName: process.env.ADMIN_NAME,
    password: process.env.ADMIN_PASSWORD,
  });
  console.log(`Administrator ${admin.email} created.`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`${error.message} ${JSON.stringify(error.details)}`);
  process.exitCode = 1;
} finally {
  await running.close();
}
