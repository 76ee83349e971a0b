import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../identity/access.decorators.js';
import { Permission } from '../identity/permissions.js';
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
  @ApiOperation({ summary: 'Renames or (de)activates a departmental service.' })
  updateService(@Param('code') code: string, @Body() body: DepartmentalServiceDto) {
    return this.referentials.updateService(code, body);
  }

  @Get('orientations')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The policy orientations, with their competence and the services concerned.' })
  async orientations() {
    return { items: await this.referentials.orientations() };
  }

  @Put('orientations/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Edits an orientation: label, competence, services concerned, active.' })
  updateOrientation(@Param('code') code: string, @Body() body: PolicyOrientationDto) {
    return this.referentials.updateOrientation(code, body);
  }

  @Get('markers')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The six transformation markers with the label and example of each level 0–3.' })
  async markers() {
    return { items: await this.referentials.markers() };
  }

  @Put('markers/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Edits a marker’s label, description and level texts.' })
  updateMarker(@Param('code') code: string, @Body() body: TransformationMarkerDto) {
    return this.referentials.updateMarker(code, body);
  }

  @Get('thresholds')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'The configurable thresholds with their unit and legal source.' })
  async thresholds() {
    return { items: await this.referentials.thresholdRows() };
  }

  @Put('thresholds/:code')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Sets a threshold’s value and source.' })
  updateThreshold(@Param('code') code: string, @Body() body: ThresholdDto) {
    return this.referentials.updateThreshold(code, body);
  }
}
