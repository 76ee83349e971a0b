import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { ReferentialsReaderModule } from '../referentials/referentials-reader.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AnalysesFactsProvider } from './analyses-facts.provider.js';
import { AnalysesReader } from './analyses-reader.service.js';
import { AnalysesViewsService } from './analyses-views.service.js';
import { AnalysesController } from './analyses.controller.js';
import { AnalysesService } from './analyses.service.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** Steps 1–3 of the instruction: the analyses, their rules, and the workflow facts they answer. */
@Module({
  imports: [
    DossierVisibilityModule,
    DossierStoreModule,
    JournalModule,
    ReadModelsModule,
    ReferentialsReaderModule,
    WorkflowModule,
    ReferentialsModule,
  ],
  controllers: [AnalysesController],
  providers: [AnalysesService, AnalysesViewsService, AnalysesFactsProvider, AnalysesReader],
  exports: [AnalysesReader, AnalysesService],
})
export class AnalysesModule {}
