import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { AdvancesController } from './advances.controller.js';
import { AdvancesService } from './advances.service.js';

/** Shareholder current-account advances after a signed approval (DOMAIN rule 11). */
@Module({
  imports: [DossierStoreModule, JournalModule],
  controllers: [AdvancesController],
  providers: [AdvancesService],
})
export class AdvancesModule {}
