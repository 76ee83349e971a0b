import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequireDossierPermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Controller('dossiers/:id')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('report.pdf')
  @RequireDossierPermission(Permission.ReportRead)
  @ApiOperation({
    summary: 'The note de synthèse: the SCIC, steps 1–3, amount checks and the committee’s opinion, as a PDF.',
    description:
      'Generated on each request from the dossier as it stands, at any step (an analysis not saved yet reads « Analyse non renseignée »). 404 for a dossier the caller may not see.',
  })
  @ApiProduces('application/pdf')
  async report(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, fileName } = await this.reports.render(id, actor);
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', `inline; filename="${fileName}"`);
    // Drawn from the dossier as it stands: a copy kept by a cache would soon be stale.
    void reply.header('cache-control', 'no-store');
    return pdf;
  }
}
