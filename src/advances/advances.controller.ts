import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe, IdPipe } from '../common/id.pipe.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CurrentActor, RequireDossierPermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { AdvancesService } from './advances.service.js';
import { CloseAdvanceDto, RecordAdvanceDto } from './dto/advance.dto.js';

/** Shareholder current-account advances after a signed approval (DOMAIN rule 11), with the participation's permissions. */
@ApiTags('participation')
@Controller('dossiers/:id/advances')
export class AdvancesController {
  constructor(private readonly advances: AdvancesService) {}

  @Get()
  @RequireDossierPermission(Permission.ParticipationRead)
  @ApiOperation({ summary: 'The advances of the dossier’s SCIC (every dossier of it) and the maximum term.' })
  list(@Param('id', DossierIdPipe) id: string) {
    return this.advances.list(id);
  }

  @Post()
  @HttpCode(201)
  @RequireDossierPermission(Permission.ParticipationManage)
  @ApiOperation({
    summary: 'Records a shareholder current-account advance granted under the dossier’s signed approval.',
    description:
      '422 VALIDATION_FAILED: no convention (conventionReference), term above the maximum (termMonths), unknown renewed advance, dates. 409 ADVANCE_REFUSED with `reason`: NO_SIGNED_APPROVAL, ADVANCE_ALREADY_OPEN (another advance of the SCIC is open), RENEWAL_OF_RENEWAL, ALREADY_RENEWED. A renewal closes the advance it renews on the day it starts.',
  })
  record(@Param('id', DossierIdPipe) id: string, @Body() body: RecordAdvanceDto, @CurrentActor() actor: Actor) {
    return this.advances.record(id, body, actor);
  }

  @Post(':advanceId/close')
  @HttpCode(200)
  @RequireDossierPermission(Permission.ParticipationManage)
  @ApiOperation({
    summary: 'Closes an advance once repaid; a closing is written once (409 ADVANCE_REFUSED ALREADY_CLOSED).',
  })
  close(
    @Param('id', DossierIdPipe) id: string,
    @Param('advanceId', new IdPipe(ErrorCode.AdvanceNotFound)) advanceId: string,
    @Body() body: CloseAdvanceDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.advances.closeAdvance(id, advanceId, body, actor);
  }
}
