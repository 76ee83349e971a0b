import { Module, type OnModuleInit } from '@nestjs/common';
import { AmountsModule } from '../amounts/amounts.module.js';
import { CommitteeReaderModule } from '../committee/committee-reader.module.js';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { SigningDelegationReaderModule } from '../identity/signing-delegation-reader.js';
import { UserDirectoryModule } from '../identity/user-directory.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { EnvelopeReaderModule } from '../referentials/envelope-reader.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { CorrectionsService } from './corrections.service.js';
import { committedCents } from './decision-rows.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { DecisionsFactsProvider } from './decisions-facts.provider.js';
import { DecisionsTransitionsListener } from './decisions-transitions.listener.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';
import { DeclaredRecusals } from './declared-recusals.js';
import { SignatureFactsProvider } from './signature-facts.provider.js';

/** Step 5: the élus' decision, signatories' declarations, signature and the decision document. */
@Module({
  imports: [
    AmountsModule,
    CommitteeReaderModule,
    DossierStoreModule,
    DossierVisibilityModule,
    EnvelopeReaderModule,
    IdentityModule,
    JournalModule,
    ReferentialsModule,
    SigningDelegationReaderModule,
    UserDirectoryModule,
    WorkflowModule,
  ],
  controllers: [DecisionsController],
  providers: [
    DecisionsService,
    CorrectionsService,
    DecisionDocumentsService,
    // Before DecisionsFactsProvider: the signatory's own problems come first in a refused SIGN.
    SignatureFactsProvider,
    DecisionsFactsProvider,
    DecisionsTransitionsListener,
    DeclaredRecusals,
  ],
  exports: [DecisionsService],
})
export class DecisionsModule implements OnModuleInit {
  constructor(private readonly envelopes: EnvelopesService) {}

  /** The envelopes count what the signed decisions commit: the decisions plug their sum in. */
  onModuleInit(): void {
    this.envelopes.useCommitments({ committedCents });
  }
}
