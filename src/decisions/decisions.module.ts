import { Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AmountsModule } from '../amounts/amounts.module.js';
import { CommitteeReaderModule } from '../committee/committee-reader.module.js';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { SigningDelegationReaderModule } from '../identity/signing-delegation-reader.js';
import { UserDirectoryModule } from '../identity/user-directory.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { EnvelopeReaderModule } from '../referentials/envelope-reader.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { CorrectionsService } from './corrections.service.js';
import { committedCents } from './decision-rows.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { DecisionsFactsProvider } from './decisions-facts.provider.js';
import { DecisionsTransitionsListener } from './decisions-transitions.listener.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';
import { DeclaredRecusals } from './declared-recusals.js';

/** Step 5: the élus' decision, signatories' declarations, signature and the decision document. */
@Module({
  imports: [
    AmountsModule,
    JournalModule,
    WorkflowModule,
    CommitteeReaderModule,
    DossierStoreModule,
    EnvelopeReaderModule,
    SigningDelegationReaderModule,
    UserDirectoryModule,
  ],
  controllers: [DecisionsController],
  providers: [
    DecisionsService,
    CorrectionsService,
    DecisionDocumentsService,
    DecisionsFactsProvider,
    DecisionsTransitionsListener,
    DeclaredRecusals,
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
