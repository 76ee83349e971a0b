import { Module } from '@nestjs/common';
import { AdminJournalController } from './admin-journal.controller.js';
import { AdminJournalService } from './admin-journal.service.js';
import { JournalController } from './journal.controller.js';
import { JournalService } from './journal.service.js';

@Module({
  controllers: [JournalController, AdminJournalController],
  providers: [JournalService, AdminJournalService],
  exports: [JournalService, AdminJournalService],
})
export class JournalModule {}
