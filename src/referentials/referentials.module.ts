import { Global, Module } from '@nestjs/common';
import { EnvelopesController } from './envelopes.controller.js';
import { EnvelopesService } from './envelopes.service.js';
import { ReferentialsController } from './referentials.controller.js';
import { ReferentialsService } from './referentials.service.js';

/** Global: analyses, committee and decisions all read the referentials. */
@Global()
@Module({
  controllers: [ReferentialsController, EnvelopesController],
  providers: [ReferentialsService, EnvelopesService],
  exports: [ReferentialsService, EnvelopesService],
})
export class ReferentialsModule {}
