import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequireDossierPermission, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { DossiersService, type DossierPage, type DossierView } from './dossiers.service.js';
import { CreateDossierDto } from './dto/create-dossier.dto.js';
import { ListDossiersQuery } from './dto/list-dossiers.query.js';

@ApiTags('dossiers')
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @RequirePermission(Permission.DossierCreate)
  @ApiOperation({ summary: 'Registers a SCIC request (state draft) with the next reference of the year.' })
  @ApiCreatedResponse({ description: 'The dossier, with its ETag.' })
  async create(
    @Body() body: CreateDossierDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DossierView> {
    const dossier = await this.dossiers.create(body, actor);
    void reply.header('etag', `"${dossier.version}"`).header('location', `/api/dossiers/${dossier.id}`);
    return dossier;
  }

  @Get()
  @RequirePermission(Permission.DossierRead)
  @ApiOperation({ summary: 'Lists dossiers: filter by state, search by name, SIREN or reference, sort and page.' })
  list(@Query() query: ListDossiersQuery, @CurrentActor() actor: Actor): Promise<DossierPage> {
    return this.dossiers.list(query, actor);
  }

  @Get('overview')
  @RequirePermission(Permission.DossierRead)
  @ApiOperation({ summary: 'Dashboard counts: dossiers per state and how many are past their due date.' })
  async overview(@CurrentActor() actor: Actor) {
    return { items: await this.dossiers.overview(actor) };
  }

  @Get(':id')
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({
    summary: 'One dossier with its state, French label, version (ETag) and the events the caller may send.',
  })
  async get(
    @Param('id', DossierIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DossierView> {
    const dossier = await this.dossiers.get(id, actor);
    void reply.header('etag', `"${dossier.version}"`);
    return dossier;
  }
}
