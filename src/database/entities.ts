/** Every entity, for the application and the TypeORM CLI alike. */
import { DossierDeadline } from '../deadlines/dossier-deadline.entity.js';
import { DossierReferenceCounter } from '../dossiers/dossier-reference-counter.entity.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { Scic } from '../dossiers/scic.entity.js';
import { AuthCredential } from '../identity/auth-credential.entity.js';
import { LoginFailure } from '../identity/login-failure.entity.js';
import { UserRole } from '../identity/user-role.entity.js';
import { User } from '../identity/user.entity.js';
import { JournalEntry } from '../journal/journal-entry.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { IdempotencyRecord } from '../workflow/idempotency-record.entity.js';
import { OutboxMessage } from '../workflow/outbox-message.entity.js';

export const ALL_ENTITIES = [
  Scic,
  Dossier,
  DossierReferenceCounter,
  JournalEntry,
  IdempotencyRecord,
  OutboxMessage,
  User,
  UserRole,
  AuthCredential,
  LoginFailure,
  Notification,
  DossierDeadline,
];
