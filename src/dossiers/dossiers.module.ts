import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { DossierFactsProvider } from './dossier-facts.provider.js';
import { DossiersController } from './dossiers.controller.js';
import { DossiersService } from './dossiers.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

@Module({
  imports: [DossierVisibilityModule, JournalModule, ReadModelsModule, WorkflowModule],
  controllers: [DossiersController],
  providers: [DossiersService, DossierFactsProvider],
  exports: [DossiersService],
})
export class DossiersModule {}
