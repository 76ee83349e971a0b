import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AnalysesFactsProvider } from './analyses-facts.provider.js';
import { AnalysesReader } from './analyses-reader.service.js';
import { AnalysesViewsService } from './analyses-views.service.js';
import { AnalysesController } from './analyses.controller.js';
import { AnalysesService } from './analyses.service.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';

/** Steps 1–3 of the instruction: the analyses, their rules, and the workflow facts they answer. */
@Module({
  imports: [JournalModule, ReferentialsModule, WorkflowModule],
  controllers: [AnalysesController],
  providers: [AnalysesService, AnalysesViewsService, AnalysesFactsProvider, AnalysesReader],
  exports: [AnalysesReader, AnalysesService],
})
export class AnalysesModule {}
