import { Controller, Get, Param, ParseIntPipe, DefaultValuePipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierIdPipe } from '../common/dossier-id.pipe.js';
import { RequirePermission } from '../identity/access.decorators.js';
import { Permission } from '../identity/permissions.js';
import { JournalService } from './journal.service.js';

@ApiTags('journal')
@Controller('dossiers/:id/journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Get()
  @ApiOperation({ summary: "A dossier's journal, oldest first (page with afterSeq and limit ≤ 500)." })
  @RequirePermission(Permission.JournalRead)
  async list(
    @Param('id', DossierIdPipe) id: string,
    @Query('afterSeq', new DefaultValuePipe(0), ParseIntPipe) afterSeq: number,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ) {
    await this.ensureExists(id);
    const entries = await this.journal.list(id, Math.max(0, afterSeq), Math.min(Math.max(1, limit), 500));
    return { items: entries.map(({ id: _rowId, ...entry }) => entry) };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the hash chain and names the first broken entry.' })
  @RequirePermission(Permission.JournalRead)
  async verify(@Param('id', DossierIdPipe) id: string) {
    await this.ensureExists(id);
    return this.journal.verify(id);
  }

  private async ensureExists(id: string): Promise<void> {
    // Every dossier's journal starts with its creation entry.
    if (!(await this.journal.exists(id))) throw new DomainError(ErrorCode.DossierNotFound, { id });
  }
}
