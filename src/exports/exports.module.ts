import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV and XLSX exports of the dossiers and of the portfolio of stakes. */
@Module({ controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
