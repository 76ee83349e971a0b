import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { AdminJournalController } from './admin-journal.controller.js';
import { AdminJournalService } from './admin-journal.service.js';
import { CheckpointService } from './checkpoint.service.js';
import { JournalAuditController } from './journal-audit.controller.js';
import { JournalController } from './journal.controller.js';
import { JournalService } from './journal.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

@Module({
  imports: [DossierStoreModule, DossierVisibilityModule],
  controllers: [JournalController, AdminJournalController, JournalAuditController],
  providers: [JournalService, AdminJournalService, CheckpointService],
  exports: [JournalService, AdminJournalService, CheckpointService],
})
export class JournalModule {}
