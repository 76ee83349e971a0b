import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import {
  DepartmentalServiceDto,
  PolicyOrientationDto,
  ThresholdDto,
  TransformationMarkerDto,
} from './dto/referential.dto.js';
import { ReferentialsService } from './referentials.service.js';

@ApiTags('referentials')
@Controller('referentials')
export class ReferentialsController {
  constructor(private readonly referentials: ReferentialsService) {}

  @Get('services')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The departmental services.' })
  async services() {
    return { items: await this.referentials.services() };
  }

  @Put('services/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Renames or (de)activates a departmental service, with a reason (journaled).' })
  updateService(@Param('code') code: string, @Body() body: DepartmentalServiceDto, @CurrentActor() actor: Actor) {
    return this.referentials.updateService(code, body, actor);
  }

  @Get('orientations')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The policy orientations, with their competence and the services concerned.' })
  async orientations() {
    return { items: await this.referentials.orientations() };
  }

  @Put('orientations/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({
    summary: 'Edits an orientation: label, competence, services concerned, active; with a reason (journaled).',
  })
  updateOrientation(@Param('code') code: string, @Body() body: PolicyOrientationDto, @CurrentActor() actor: Actor) {
    return this.referentials.updateOrientation(code, body, actor);
  }

  @Get('markers')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The six transformation markers with the label and example of each level 0–3.' })
  async markers() {
    return { items: await this.referentials.markers() };
  }

  @Put('markers/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Edits a marker’s label, description and level texts, with a reason (journaled).' })
  updateMarker(@Param('code') code: string, @Body() body: TransformationMarkerDto, @CurrentActor() actor: Actor) {
    return this.referentials.updateMarker(code, body, actor);
  }

  @Get('thresholds')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({
    summary: 'The configurable thresholds with their unit, legal source and the bound a change must respect.',
  })
  async thresholds() {
    return { items: await this.referentials.thresholdsWithBounds() };
  }

  @Put('thresholds/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({
    summary: 'Sets a threshold’s value and source, with a reason (journaled).',
    description: 'A value outside the threshold’s legal bound (see GET) is refused 422 with the bound in French.',
  })
  updateThreshold(@Param('code') code: string, @Body() body: ThresholdDto, @CurrentActor() actor: Actor) {
    return this.referentials.updateThreshold(code, body, actor);
  }
}
