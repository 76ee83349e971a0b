/**
 * Every migration, in order. Listed explicitly (not globbed) so that the application,
 * the CLI and the tests load the same classes whether from TypeScript or compiled code.
 * A test checks that every file of this folder is listed.
 */
import { InitialSchema1795423757637 } from './1795423757637-InitialSchema.js';
import { Identity1795425624325 } from './1795425624325-Identity.js';
import { OutboxNotificationsDeadlines1795427198745 } from './1795427198745-OutboxNotificationsDeadlines.js';

export const ALL_MIGRATIONS: Function[] = [
  InitialSchema1795423757637,
  Identity1795425624325,
  OutboxNotificationsDeadlines1795427198745,
];
