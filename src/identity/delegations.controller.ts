import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { DelegationIdPipe, UserIdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { DelegationsService } from './delegations.service.js';
import { ReasonDto, RecordDelegationDto } from './dto/delegation.dto.js';
import { Permission } from '../access/permissions.js';

@ApiTags('users')
@Controller()
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get('users/:id/delegations')
  @RequirePermission(Permission.UserManage)
  @ApiOperation({ summary: 'The élu’s signing delegations, with their status (in force or not) today.' })
  async list(@Param('id', UserIdPipe) id: string) {
    return { items: await this.delegations.list(id) };
  }

  @Post('users/:id/delegations')
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary:
      'Records the arrêté delegating signature to an élu (reference, date, scope, start, end). Not in force until another administrator confirms it.',
  })
  record(@Param('id', UserIdPipe) id: string, @Body() body: RecordDelegationDto, @CurrentActor() actor: Actor) {
    return this.delegations.record(id, body, actor);
  }

  @Post('delegations/:id/confirm')
  @HttpCode(200)
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary:
      'Confirms a recorded delegation: an administrator other than the one who recorded it, and not the delegate.',
  })
  confirm(@Param('id', DelegationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.delegations.confirm(id, actor);
  }

  @Post('delegations/:id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.UserManage)
  @ApiOperation({ summary: 'Revokes a delegation, with a reason; it stays on record.' })
  revoke(@Param('id', DelegationIdPipe) id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.delegations.revoke(id, body.reason, actor);
  }
}
