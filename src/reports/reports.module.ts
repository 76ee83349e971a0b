import { Module } from '@nestjs/common';
import { AmountsModule } from '../amounts/amounts.module.js';
import { AnalysesModule } from '../analyses/analyses.module.js';
import { CommitteeModule } from '../committee/committee.module.js';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** The note de synthèse of a dossier (PDF), read from the analyses, the amount rules and the committee. */
@Module({
  imports: [
    DossierVisibilityModule,
    AmountsModule,
    AnalysesModule,
    CommitteeModule,
    ReadModelsModule,
    ReferentialsModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
