import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { validationFailed } from '../../common/validation.js';
import { CurrentActor, RequirePermission } from '../../access/access.decorators.js';
import { Permission } from '../../access/permissions.js';
import { SessionIdPipe } from '../committee-ids.js';
import { ClosingService } from '../minutes/closing.service.js';
import { AttendanceService } from './attendance.service.js';
import { ConvocationsService } from './convocations.service.js';
import { ConvokeDto, CreateSessionDto, RecordAttendanceDto, UpdateSessionDto } from './session.dto.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('committee')
@Controller('committee/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly convocations: ConvocationsService,
    private readonly closing: ClosingService,
    private readonly attendances: AttendanceService,
  ) {}

  @Get()
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'Sessions, latest first (a committee member sees those they are convoked to).' })
  @ApiQuery({ name: 'status', required: false, enum: ['OPEN', 'CLOSED'] })
  list(@CurrentActor() actor: Actor, @Query('status') status?: string) {
    if (status !== undefined && status !== 'OPEN' && status !== 'CLOSED') {
      throw validationFailed([{ field: 'status', messages: ['status doit valoir OPEN ou CLOSED.'] }]);
    }
    return this.sessions.list(actor, status);
  }

  @Post()
  @RequirePermission(Permission.CommitteeSessionManage)
  @ApiOperation({
    summary: 'Creates a session (date today or later; a place or a video link).',
    description: 'Dossiers join its agenda through the SCHEDULE_COMMITTEE event with its id.',
  })
  create(@Body() body: CreateSessionDto, @CurrentActor() actor: Actor) {
    return this.sessions.create(body, actor);
  }

  @Get(':sessionId')
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'A session with its agenda (the dossiers the caller may see).' })
  get(@Param('sessionId', SessionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.sessions.get(id, actor);
  }

  @Patch(':sessionId')
  @RequirePermission(Permission.CommitteeSessionManage)
  @ApiOperation({ summary: 'Changes an open session (409 once closed).' })
  update(@Param('sessionId', SessionIdPipe) id: string, @Body() body: UpdateSessionDto, @CurrentActor() actor: Actor) {
    return this.sessions.update(id, body, actor);
  }

  @Get(':sessionId/agenda')
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'The agenda: dossiers in order, with their status (scheduled, examined, moved, removed).' })
  agenda(@Param('sessionId', SessionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.sessions.agenda(id, actor);
  }

  @Post(':sessionId/convocations')
  @HttpCode(200)
  @RequirePermission(Permission.CommitteeSessionManage)
  @ApiOperation({
    summary:
      'Convokes the members holding a seat (all, or those named): one message each (date, place or link, agenda).',
    description:
      'The messages are outbox rows delivered after commit, kept in the application and e-mailed when SMTP is configured. Convoking again sends the updated agenda.',
  })
  convoke(@Param('sessionId', SessionIdPipe) id: string, @Body() body: ConvokeDto, @CurrentActor() actor: Actor) {
    return this.convocations.convoke(id, actor, body.userIds);
  }

  @Get(':sessionId/attendance')
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'Convoked members with their seats and whether they are present.' })
  attendance(@Param('sessionId', SessionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.attendances.attendance(id, actor);
  }

  @Put(':sessionId/attendance')
  @RequirePermission(Permission.CommitteeSessionConduct)
  @ApiOperation({
    summary: 'Records who is present (convoked members only), on the day of the session or later.',
    description: '409 before the session day, once closed, or for a member not convoked.',
  })
  recordAttendance(
    @Param('sessionId', SessionIdPipe) id: string,
    @Body() body: RecordAttendanceDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.attendances.recordAttendance(id, body, actor);
  }

  @Post(':sessionId/close')
  @HttpCode(200)
  @RequirePermission(Permission.CommitteeSessionConduct)
  @ApiOperation({
    summary: 'Closes the session: read-only from then on; the minutes are generated and their SHA-256 journaled.',
    description: '409 while a dossier of the agenda has neither an opinion nor been moved, or before the session day.',
  })
  close(@Param('sessionId', SessionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.closing.close(id, actor);
  }

  @Get(':sessionId/minutes.pdf')
  @RequirePermission(Permission.CommitteeRead)
  @ApiOperation({ summary: 'The minutes generated at closing (the same bytes every time; 409 before closing).' })
  @ApiProduces('application/pdf')
  async minutes(
    @Param('sessionId', SessionIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, sha256, sessionDate } = await this.closing.minutes(id, actor);
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', `inline; filename="pv-comite-${sessionDate}.pdf"`);
    void reply.header('x-content-sha256', sha256);
    return pdf;
  }
}
