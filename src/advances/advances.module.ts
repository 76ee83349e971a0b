import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { AdvancesController } from './advances.controller.js';
import { AdvancesService } from './advances.service.js';

/** Shareholder current-account advances after a signed approval (DOMAIN rule 11). */
@Module({
  imports: [JournalModule],
  controllers: [AdvancesController],
  providers: [AdvancesService],
})
export class AdvancesModule {}
