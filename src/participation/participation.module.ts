import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { ParticipationController } from './participation.controller.js';
import { ParticipationService } from './participation.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** After an approval: the subscription, the payments (DOMAIN rule 12) and the portfolio of stakes. */
@Module({
  imports: [DossierVisibilityModule, JournalModule],
  controllers: [ParticipationController],
  providers: [ParticipationService],
})
export class ParticipationModule {}
