import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../identity/access.decorators.js';
import { Permission } from '../identity/permissions.js';
import { BudgetEnvelopeDto } from './dto/envelope.dto.js';
import { EnvelopesService } from './envelopes.service.js';

@ApiTags('referentials')
@Controller('envelopes')
export class EnvelopesController {
  constructor(private readonly envelopes: EnvelopesService) {}

  @Get(':year')
  @RequirePermission(Permission.ReferentialRead)
  @ApiOperation({ summary: 'A year’s budget envelope: voted amount, committed by signed approvals, remaining.' })
  view(@Param('year') year: string) {
    return this.envelopes.view(year);
  }

  @Put(':year')
  @RequirePermission(Permission.ReferentialManage)
  @ApiOperation({ summary: 'Sets a year’s budget envelope and its programme authorisation.' })
  set(@Param('year') year: string, @Body() body: BudgetEnvelopeDto) {
    return this.envelopes.set(year, body);
  }
}
