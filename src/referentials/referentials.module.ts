import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { EnvelopesController } from './envelopes.controller.js';
import { EnvelopesService } from './envelopes.service.js';
import { ReferentialsController } from './referentials.controller.js';
import { ReferentialsService } from './referentials.service.js';

/** The referentials and the budget envelopes, imported by the modules that read them. */
@Module({
  imports: [JournalModule],
  controllers: [ReferentialsController, EnvelopesController],
  providers: [ReferentialsService, EnvelopesService],
  exports: [ReferentialsService, EnvelopesService],
})
export class ReferentialsModule {}
