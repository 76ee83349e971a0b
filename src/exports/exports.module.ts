import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

/** CSV and XLSX exports of the dossiers and of the portfolio of stakes. */
@Module({
  imports: [DossierVisibilityModule, ReadModelsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
