import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierIdPipe } from '../common/id.pipe.js';
import { RequireDossierPermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { JournalQuery } from './journal.query.js';
import { JournalService } from './journal.service.js';

@ApiTags('journal')
@Controller('dossiers/:id/journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Get()
  @ApiOperation({ summary: "A dossier's journal, oldest first (page with afterSeq and limit ≤ 500)." })
  @RequireDossierPermission(Permission.JournalRead)
  async list(@Param('id', DossierIdPipe) id: string, @Query() query: JournalQuery) {
    const entries = await this.journal.list(id, query.afterSeq ?? 0, query.limit ?? 100);
    return { items: entries.map(({ id: _rowId, ...entry }) => entry) };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the hash chain and names the first broken entry.' })
  @RequireDossierPermission(Permission.JournalRead)
  verify(@Param('id', DossierIdPipe) id: string) {
    return this.journal.verify(id);
  }
}
