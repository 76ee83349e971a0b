import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierIdPipe } from '../common/id.pipe.js';
import type { Actor } from '../common/actor.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { Permission } from '../access/permissions.js';
import { JournalQuery } from './journal.query.js';
import { JournalService } from './journal.service.js';

@ApiTags('journal')
@Controller('dossiers/:id/journal')
export class JournalController {
  constructor(
    private readonly journal: JournalService,
    private readonly visibility: DossierVisibility,
  ) {}

  @Get()
  @ApiOperation({ summary: "A dossier's journal, oldest first (page with afterSeq and limit ≤ 500)." })
  @RequirePermission(Permission.JournalRead)
  async list(@Param('id', DossierIdPipe) id: string, @Query() query: JournalQuery, @CurrentActor() actor: Actor) {
    await this.visibility.assertVisible(id, actor);
    const entries = await this.journal.list(id, query.afterSeq ?? 0, query.limit ?? 100);
    return { items: entries.map(({ id: _rowId, ...entry }) => entry) };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the hash chain and names the first broken entry.' })
  @RequirePermission(Permission.JournalRead)
  async verify(@Param('id', DossierIdPipe) id: string, @CurrentActor() actor: Actor) {
    await this.visibility.assertVisible(id, actor);
    return this.journal.verify(id);
  }
}
