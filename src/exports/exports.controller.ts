import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { ExportsService } from './exports.service.js';

const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof FORMATS;

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':file')
  @RequirePermission(Permission.ExportRead)
  @ApiParam({ name: 'file', enum: ['dossiers.csv', 'dossiers.xlsx', 'portfolio.csv', 'portfolio.xlsx'] })
  @ApiProduces(FORMATS.csv, FORMATS.xlsx)
  @ApiOperation({
    summary: 'The dossiers (those the caller sees) or the portfolio of stakes, as CSV or XLSX, with French headers.',
    description:
      'CSV: UTF-8 with BOM, « ; » separator, decimal comma. XLSX: amounts as numbers in euros, dates as dates.',
  })
  async export(
    @Param('file') file: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const [, table, format] = /^(dossiers|portfolio)\.(csv|xlsx)$/.exec(file) ?? [];
    if (!table || !format) {
      throw new DomainError(
        ErrorCode.RouteNotFound,
        { file },
        'Export inconnu : dossiers ou portfolio, en csv ou xlsx.',
      );
    }
    const body = await this.exports.render(table as 'dossiers' | 'portfolio', format as Format, actor);
    reply.header('Content-Type', FORMATS[format as Format]);
    reply.header(
      'Content-Disposition',
      `attachment; filename="${table === 'dossiers' ? 'dossiers' : 'portefeuille'}.${format}"`,
    );
    reply.header('Cache-Control', 'no-store');
    return body;
  }
}
