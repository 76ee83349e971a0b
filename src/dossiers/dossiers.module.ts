import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { DossierFactsProvider } from './dossier-facts.provider.js';
import { DossiersController } from './dossiers.controller.js';
import { DossiersService } from './dossiers.service.js';

@Module({
  imports: [JournalModule, ReadModelsModule, WorkflowModule],
  controllers: [DossiersController],
  providers: [DossiersService, DossierFactsProvider],
  exports: [DossiersService],
})
export class DossiersModule {}
