import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequireDossierPermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { parseIfMatch } from '../workflow/workflow.controller.js';
import type { AnalysisStep } from './analysis-steps.js';
import { AnalysesService, type AnalysisView } from './analyses.service.js';
import { AnalysesViewsService } from './analyses-views.service.js';
import { ActivityAnalysisDto } from './dto/activity-analysis.dto.js';
import { EconomicAnalysisDto } from './dto/economic-analysis.dto.js';
import { EssPracticesAnalysisDto } from './dto/ess-practices-analysis.dto.js';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The analysis version the client last saw.' };
const SAVE_DESCRIPTION =
  'Replaces the analysis (fields left out are empty). 409 when the dossier is not at this step; 412 on a stale If-Match; 422 on bad input (nothing written). Journaled with the field-level diff.';

@ApiTags('analyses')
@Controller('dossiers/:id')
export class AnalysesController {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly views: AnalysesViewsService,
  ) {}

  @Get('analyses/activity')
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({ summary: 'Step 1 — activity analysis, with what keeps it from completing.' })
  getActivity(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.read('activity', id, actor, reply);
  }

  @Put('analyses/activity')
  @RequireDossierPermission(Permission.AnalysisWrite)
  @ApiOperation({ summary: 'Saves the step-1 analysis.', description: SAVE_DESCRIPTION })
  @ApiHeader(IF_MATCH)
  putActivity(
    @Param('id', DossierIdPipe) id: string,
    @Body() body: ActivityAnalysisDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.write('activity', id, body, ifMatch, actor, reply);
  }

  @Get('analyses/ess-practices')
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({ summary: 'Step 2 — ESS practices, with compliance checks and what keeps it from completing.' })
  getEssPractices(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.read('essPractices', id, actor, reply);
  }

  @Put('analyses/ess-practices')
  @RequireDossierPermission(Permission.AnalysisWrite)
  @ApiOperation({ summary: 'Saves the step-2 analysis.', description: SAVE_DESCRIPTION })
  @ApiHeader(IF_MATCH)
  putEssPractices(
    @Param('id', DossierIdPipe) id: string,
    @Body() body: EssPracticesAnalysisDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.write('essPractices', id, body, ifMatch, actor, reply);
  }

  @Get('analyses/ess-practices/radar.svg')
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({ summary: 'The six transformation markers as an accessible SVG radar (scale 0–3).' })
  @ApiProduces('image/svg+xml')
  async radar(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const svg = await this.views.radar(id, actor);
    void reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return svg;
  }

  @Get('analyses/economic')
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({ summary: 'Step 3 — economic analysis, with ratios, plan totals and what keeps it from completing.' })
  getEconomic(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.read('economic', id, actor, reply);
  }

  @Put('analyses/economic')
  @RequireDossierPermission(Permission.AnalysisWrite)
  @ApiOperation({ summary: 'Saves the step-3 analysis.', description: SAVE_DESCRIPTION })
  @ApiHeader(IF_MATCH)
  putEconomic(
    @Param('id', DossierIdPipe) id: string,
    @Body() body: EconomicAnalysisDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.write('economic', id, body, ifMatch, actor, reply);
  }

  private async read(step: AnalysisStep, id: string, actor: Actor, reply: FastifyReply): Promise<AnalysisView> {
    const view = await this.analyses.get(step, id, actor);
    void reply.header('etag', `"${view.version}"`);
    return view;
  }

  private async write(
    step: AnalysisStep,
    id: string,
    body: object,
    ifMatch: string | undefined,
    actor: Actor,
    reply: FastifyReply,
  ): Promise<AnalysisView> {
    const view = await this.analyses.save(step, id, body, actor, parseIfMatch(ifMatch));
    void reply.header('etag', `"${view.version}"`);
    return view;
  }
}
