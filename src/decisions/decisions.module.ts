import { Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AmountsModule } from '../amounts/amounts.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { CorrectionsService } from './corrections.service.js';
import { committedCents } from './decision-rows.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { DecisionsFactsProvider } from './decisions-facts.provider.js';
import { DecisionsTransitionsListener } from './decisions-transitions.listener.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';

/** Step 5: the élus' decision, signatories' declarations, signature and the decision document. */
@Module({
  imports: [AmountsModule, JournalModule, WorkflowModule],
  controllers: [DecisionsController],
  providers: [
    DecisionsService,
    CorrectionsService,
    DecisionDocumentsService,
    DecisionsFactsProvider,
    DecisionsTransitionsListener,
  ],
  exports: [DecisionsService],
})
export class DecisionsModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** The envelopes count what the signed decisions commit. */
  onModuleInit(): void {
    this.moduleRef.get(EnvelopesService, { strict: false }).useCommitments({ committedCents });
  }
}
