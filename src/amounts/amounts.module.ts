import { Module } from '@nestjs/common';
import { AnalysesModule } from '../analyses/analyses.module.js';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { PaymentReaderModule } from '../participation/payment-reader.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AmountFactsProvider } from './amount-facts.provider.js';
import { AmountGateService } from './amount-gate.service.js';
import { AmountsController } from './amounts.controller.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** The one amount gate (DOMAIN rules 3–5) and the SCIC's whole position it reads. */
@Module({
  imports: [
    DossierVisibilityModule,
    AnalysesModule,
    DossierStoreModule,
    PaymentReaderModule,
    WorkflowModule,
    ReferentialsModule,
  ],
  controllers: [AmountsController],
  providers: [AmountGateService, AmountFactsProvider],
  exports: [AmountGateService],
})
export class AmountsModule {}
