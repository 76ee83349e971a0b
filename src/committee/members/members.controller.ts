import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, RequirePermission } from '../../access/access.decorators.js';
import { Permission } from '../../access/permissions.js';
import { booleanQuery, SeatIdPipe } from '../committee-ids.js';
import { GiveSeatDto, MemberViewDto, SeatViewDto } from './member.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('committee')
@Controller('committee')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'Committee members and their seats (held ones; ended ones too with includeEnded=true).' })
  @ApiQuery({ name: 'includeEnded', required: false, type: Boolean })
  @ApiOkResponse({ type: [MemberViewDto] })
  list(@Query('includeEnded') includeEnded?: string): Promise<MemberViewDto[]> {
    return this.members.list(booleanQuery('includeEnded', includeEnded));
  }

  @Post('members')
  @RequirePermission(Permission.CommitteeMemberManage)
  @ApiOperation({
    summary: 'Gives a user (holding the committee_member role) a seat on the committee.',
    description:
      '422 when the user lacks the role or the service is missing/unknown; 409 when the same seat is already held.',
  })
  @ApiOkResponse({ type: SeatViewDto })
  give(@Body() body: GiveSeatDto, @CurrentActor() actor: Actor): Promise<SeatViewDto> {
    return this.members.giveSeat(body, actor);
  }

  @Post('seats/:seatId/end')
  @HttpCode(200)
  @RequirePermission(Permission.CommitteeMemberManage)
  @ApiOperation({ summary: 'Ends a seat (kept in the history; past sessions keep their composition).' })
  @ApiOkResponse({ type: SeatViewDto })
  end(@Param('seatId', SeatIdPipe) seatId: string, @CurrentActor() actor: Actor): Promise<SeatViewDto> {
    return this.members.endSeat(seatId, actor);
  }
}
