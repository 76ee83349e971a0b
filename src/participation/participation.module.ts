import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { ParticipationController } from './participation.controller.js';
import { ParticipationService } from './participation.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** After an approval: the subscription, the payments (DOMAIN rule 12) and the portfolio of stakes. */
@Module({
  imports: [DossierStoreModule, JournalModule, DossierVisibilityModule],
  controllers: [ParticipationController],
  providers: [ParticipationService],
})
export class ParticipationModule {}
