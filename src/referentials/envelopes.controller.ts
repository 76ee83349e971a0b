import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
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
  @ApiOperation({
    summary: 'Sets a year’s budget envelope and its programme authorisation, with a reason (journaled).',
    description: 'Refused 409 ENVELOPE_BELOW_COMMITTED below what the signed approvals of the year commit.',
  })
  set(@Param('year') year: string, @Body() body: BudgetEnvelopeDto, @CurrentActor() actor: Actor) {
    return this.envelopes.set(year, body, actor);
  }
}
