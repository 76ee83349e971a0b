import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { AdvancesController } from './advances.controller.js';
import { AdvancesService } from './advances.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';

/** Shareholder current-account advances after a signed approval (DOMAIN rule 11). */
@Module({
  imports: [DossierStoreModule, JournalModule, DossierVisibilityModule, ReferentialsModule],
  controllers: [AdvancesController],
  providers: [AdvancesService],
})
export class AdvancesModule {}
