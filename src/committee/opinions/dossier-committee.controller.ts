import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor.js';
import { DossierIdPipe } from '../../common/id.pipe.js';
import { CurrentActor, RequireDossierPermission } from '../../access/access.decorators.js';
import { Permission } from '../../access/permissions.js';
import { optionalSessionId } from '../committee-ids.js';
import { AgendaService } from '../sessions/agenda.service.js';
import { RescheduleDto } from '../sessions/session.dto.js';
import { CastVoteDto, DeclareInterestDto } from './member-acts.dto.js';
import { MemberActsService } from './member-acts.service.js';
import { OpinionsService } from './opinions.service.js';

const SESSION_QUERY = {
  name: 'sessionId',
  required: false,
  description: 'A session the dossier is on the agenda of (default: its current or latest one).',
};

@ApiTags('committee')
@Controller('dossiers/:id')
export class DossierCommitteeController {
  constructor(
    private readonly opinions: OpinionsService,
    private readonly acts: MemberActsService,
    private readonly agenda: AgendaService,
  ) {}

  @Get('committee/composition')
  @RequireDossierPermission(Permission.CommitteeRead)
  @ApiOperation({
    summary: 'The composition for this dossier at a session: seats filled (by whom) and missing, members déportés.',
    description:
      'Counts only present members who declared no interest (DOMAIN rules 7–8). Once the opinion is given, the composition that allowed it.',
  })
  @ApiQuery(SESSION_QUERY)
  composition(@Param('id', DossierIdPipe) id: string, @Query('sessionId') sessionId?: string) {
    return this.opinions.composition(id, optionalSessionId(sessionId));
  }

  @Post('committee/reschedule')
  @HttpCode(200)
  @RequireDossierPermission(Permission.CommitteeSessionManage)
  @ApiOperation({
    summary: 'Moves a scheduled dossier to a later open session, with a reason (journaled).',
    description: 'The machine has no event for it: the dossier stays committee.scheduled; its agenda rows change.',
  })
  reschedule(@Param('id', DossierIdPipe) id: string, @Body() body: RescheduleDto, @CurrentActor() actor: Actor) {
    return this.agenda.reschedule(id, body, actor);
  }

  @Get('interest-declarations')
  @RequireDossierPermission(Permission.CommitteeRead)
  @ApiOperation({
    summary: 'Each convoked member’s declaration for this dossier (« déporté » when an interest is declared).',
  })
  @ApiQuery(SESSION_QUERY)
  declarations(@Param('id', DossierIdPipe) id: string, @Query('sessionId') sessionId?: string) {
    return this.opinions.declarations(id, optionalSessionId(sessionId));
  }

  @Put('interest-declarations')
  @RequireDossierPermission(Permission.CommitteeMemberAct)
  @ApiOperation({
    summary: 'Records the caller’s own declaration of interests for this dossier (before voting).',
    description:
      'A declared interest makes the member déporté: out of the composition, quorum and vote of this dossier (a vote already cast is withdrawn). 409 once the opinion is given or the session closed.',
  })
  declare(@Param('id', DossierIdPipe) id: string, @Body() body: DeclareInterestDto, @CurrentActor() actor: Actor) {
    return this.acts.declare(id, body, actor);
  }

  @Get('votes')
  @RequireDossierPermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'The members’ votes on this dossier at a session, with the tally.' })
  @ApiQuery(SESSION_QUERY)
  votes(@Param('id', DossierIdPipe) id: string, @Query('sessionId') sessionId?: string) {
    return this.opinions.votes(id, optionalSessionId(sessionId));
  }

  @Put('votes')
  @RequireDossierPermission(Permission.CommitteeMemberAct)
  @ApiOperation({
    summary: 'Records the caller’s own vote (present, declared, not déporté).',
    description:
      '409 COMMITTEE_VOTE_REFUSED for an absent or recused member or one who has not declared; 409 once frozen.',
  })
  vote(@Param('id', DossierIdPipe) id: string, @Body() body: CastVoteDto, @CurrentActor() actor: Actor) {
    return this.acts.vote(id, body, actor);
  }

  @Get('opinion')
  @RequireDossierPermission(Permission.CommitteeRead)
  @ApiOperation({
    summary: 'The committee’s opinions on this dossier, latest first, each with the composition that allowed it.',
    description: 'An opinion is recorded by the secretary through the RECORD_OPINION event.',
  })
  opinion(@Param('id', DossierIdPipe) id: string) {
    return this.opinions.opinions(id);
  }
}
