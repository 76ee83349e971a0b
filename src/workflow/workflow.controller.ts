import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { validateBody, validationFailed } from '../common/validation.js';
import { CurrentActor, RequireDossierPermission } from '../access/access.decorators.js';
import { AuthService } from '../identity/auth.service.js';
import { Permission, roleHas } from '../access/permissions.js';
import { DOSSIER_EVENT_TYPES, type DossierCommand, type DossierEventType } from './dossier.events.js';
import {
  EVENT_DTOS,
  EventBaseDto,
  ReasonEventDto,
  RecordDecisionEventDto,
  RecordOpinionEventDto,
  RequestComplementsEventDto,
  ScheduleCommitteeEventDto,
  SendBackEventDto,
  SignEventDto,
  TransitionResultDto,
} from './dto/event.dto.js';
import { WorkflowRunner, type TransitionResult } from './workflow-runner.service.js';

const EVENT_BODY_MODELS = [
  EventBaseDto,
  ReasonEventDto,
  SendBackEventDto,
  RequestComplementsEventDto,
  ScheduleCommitteeEventDto,
  RecordOpinionEventDto,
  RecordDecisionEventDto,
  SignEventDto,
];

/** `If-Match: "7"`, `W/"7"` or `7` → 7; anything else is a malformed header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match)
    throw validationFailed([
      { field: 'If-Match', messages: ['If-Match doit contenir la version du dossier, par exemple "3".'] },
    ]);
  return Number(match[1]);
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

@ApiTags('workflow')
@ApiExtraModels(...EVENT_BODY_MODELS)
@Controller('dossiers/:id/events')
export class WorkflowController {
  constructor(
    private readonly runner: WorkflowRunner,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireDossierPermission(Permission.DossierEventSend)
  @ApiOperation({
    summary: 'Sends an event to the dossier machine.',
    description:
      '409 when the event is not allowed in the current state (with currentState and allowedEvents) or its conditions are not met (with problems); 412 on a stale If-Match; 422 on a bad body. SIGN re-authenticates the signatory: `password`, or a session whose password was checked less than five minutes ago; never an API token (403).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The dossier version the client last saw.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the stored answer when sent again.' })
  @ApiBody({ schema: { oneOf: EVENT_BODY_MODELS.map((model) => ({ $ref: getSchemaPath(model) })) } })
  @ApiOkResponse({ type: TransitionResultDto })
  async send(
    @Param('id', DossierIdPipe) dossierId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TransitionResult> {
    const type = (body as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(DOSSIER_EVENT_TYPES as readonly string[]).includes(type)) {
      throw validationFailed([
        { field: 'type', messages: [`type doit être l'un de : ${DOSSIER_EVENT_TYPES.join(', ')}.`] },
      ]);
    }
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationFailed([
        { field: 'Idempotency-Key', messages: ['Idempotency-Key : 1 à 200 caractères parmi A-Z a-z 0-9 . _ : -'] },
      ]);
    }
    const dto = await validateBody(EVENT_DTOS[type as DossierEventType], body);
    // The password serves the signatory's re-authentication only: it leaves the command
    // here, so that it is neither journaled nor part of the idempotency hash.
    const { expectedVersion: bodyVersion, password, ...command } = dto as EventBaseDto & { password?: string };
    const headerVersion = parseIfMatch(ifMatch);
    if (headerVersion !== undefined && bodyVersion !== undefined && headerVersion !== bodyVersion) {
      throw validationFailed([{ field: 'expectedVersion', messages: ['If-Match et expectedVersion diffèrent.'] }]);
    }
    // The runner refuses the other roles; only a would-be signatory is asked who they are.
    const signs = command.type === 'SIGN' && roleHas(actor.role, Permission.EventSign);
    const { result, replayed } = await this.runner.send({
      dossierId,
      command: { ...command } as DossierCommand,
      actor: signs
        ? { ...actor, reauthentication: await this.auth.reauthenticate(actor, password, request.ip, 'sign') }
        : actor,
      expectedVersion: headerVersion ?? bodyVersion,
      idempotencyKey,
    });
    void reply.header('etag', `"${result.version}"`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return result;
  }
}
