import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { toCsv, type ExportColumn } from '../exports/table-export.js';
import { RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import type { AdminJournalEntry } from './admin-journal-entry.entity.js';
import { AdminJournalService } from './admin-journal.service.js';
import { JournalQuery } from './journal.query.js';

const EXPORT_PAGE = 1000;

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** French headers, one row per entry; before and after as JSON text. */
const COLUMNS: readonly ExportColumn<AdminJournalEntry>[] = [
  { header: 'N°', kind: 'integer', value: (e) => e.seq },
  { header: 'Date (UTC)', kind: 'text', value: (e) => e.occurredAt.toISOString() },
  { header: 'Acte', kind: 'text', value: (e) => e.type },
  { header: 'Auteur', kind: 'text', value: (e) => e.actorId },
  { header: 'Rôle', kind: 'text', value: (e) => e.actorRole },
  { header: 'Moyen d’authentification', kind: 'text', value: (e) => e.actorCredential },
  { header: 'Objet', kind: 'text', value: (e) => e.subjectKind },
  { header: 'Identifiant', kind: 'text', value: (e) => e.subjectId },
  { header: 'Avant', kind: 'text', value: (e) => json(e.before) },
  { header: 'Après', kind: 'text', value: (e) => json(e.after) },
  { header: 'Motif', kind: 'text', value: (e) => e.reason },
  { header: 'Empreinte précédente', kind: 'text', value: (e) => e.prevHash },
  { header: 'Empreinte', kind: 'text', value: (e) => e.hash },
];

@ApiTags('admin-journal')
@Controller('admin-journal')
export class AdminJournalController {
  constructor(private readonly journal: AdminJournalService) {}

  @Get()
  @ApiOperation({
    summary: 'The administration journal, oldest first (page with afterSeq and limit ≤ 500).',
    description: 'Account acts and changes of referentials, thresholds and envelopes: actor, before, after, reason.',
  })
  @RequirePermission(Permission.AdminJournalRead)
  async list(@Query() query: JournalQuery) {
    return { items: await this.journal.list(query.afterSeq ?? 0, query.limit ?? 100) };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the administration journal’s hash chain and names the first broken entry.' })
  @RequirePermission(Permission.AdminJournalRead)
  verify() {
    return this.journal.verify();
  }

  @Get('export.csv')
  @ApiProduces('text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The whole administration journal as CSV (UTF-8 with BOM, « ; » separator).' })
  @RequirePermission(Permission.AdminJournalRead)
  async export(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const entries: AdminJournalEntry[] = [];
    for (let afterSeq = 0; ;) {
      const page = await this.journal.list(afterSeq, EXPORT_PAGE);
      entries.push(...page);
      if (page.length < EXPORT_PAGE) break;
      afterSeq = page[page.length - 1].seq;
    }
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', 'attachment; filename="journal-administration.csv"');
    reply.header('Cache-Control', 'no-store');
    return toCsv(COLUMNS, entries);
  }
}
