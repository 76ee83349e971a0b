import { Global, Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { EnvelopesController } from './envelopes.controller.js';
import { EnvelopesService } from './envelopes.service.js';
import { ReferentialsController } from './referentials.controller.js';
import { ReferentialsService } from './referentials.service.js';

/** Global: analyses, committee and decisions all read the referentials. */
@Global()
@Module({
  imports: [JournalModule],
  controllers: [ReferentialsController, EnvelopesController],
  providers: [ReferentialsService, EnvelopesService],
  exports: [ReferentialsService, EnvelopesService],
})
export class ReferentialsModule {}
