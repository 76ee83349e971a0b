import { Module } from '@nestjs/common';
import { SessionDatesModule } from '../committee/session-dates.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { Mailer } from './mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { OutboxHandlers } from './outbox-handlers.js';
import { OutboxWorker } from './outbox-worker.service.js';
import { IdentityModule } from '../identity/identity.module.js';

@Module({
  imports: [DossiersModule, DocumentsModule, SessionDatesModule, IdentityModule],
  controllers: [NotificationsController],
  providers: [Mailer, OutboxHandlers, OutboxWorker],
  exports: [OutboxWorker],
})
export class NotificationsModule {}
