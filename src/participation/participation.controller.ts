import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequireDossierPermission, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { PaymentDto, SubscriptionDto } from './dto/participation.dto.js';
import { ParticipationService } from './participation.service.js';

@ApiTags('participation')
@Controller()
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('portfolio')
  @RequirePermission(Permission.ParticipationRead)
  @ApiOperation({
    summary:
      'The stakes held: each signed approval in force, shares, amounts subscribed and paid, share of capital, dates.',
  })
  portfolio(@CurrentActor() actor: Actor) {
    return this.participation.portfolio(actor);
  }

  @Get('dossiers/:id/participation')
  @RequireDossierPermission(Permission.ParticipationRead)
  @ApiOperation({ summary: 'The dossier’s stake (null before a signed approval) and its payments.' })
  view(@Param('id', DossierIdPipe) id: string) {
    return this.participation.view(id);
  }

  @Put('dossiers/:id/participation/subscription')
  @RequireDossierPermission(Permission.ParticipationManage)
  @ApiOperation({
    summary: 'Records the signed subscription form and the date the decision became executory.',
    description:
      '409 PARTICIPATION_REFUSED before a signed approval, or once payments are recorded; dates not before the signature nor after today (422).',
  })
  subscription(@Param('id', DossierIdPipe) id: string, @Body() body: SubscriptionDto, @CurrentActor() actor: Actor) {
    return this.participation.recordSubscription(id, body, actor);
  }

  @Post('dossiers/:id/participation/payments')
  @RequireDossierPermission(Permission.ParticipationManage)
  @ApiOperation({
    summary: 'Records a payment of the subscribed shares (DOMAIN rule 12).',
    description:
      '409 PARTICIPATION_REFUSED with `reason`: PAYMENT_BEFORE_SIGNATURE, SUBSCRIPTION_NOT_SIGNED, DECISION_NOT_EXECUTORY (paid before the executory date), ABOVE_SUBSCRIBED, DUPLICATE_REFERENCE.',
  })
  payment(@Param('id', DossierIdPipe) id: string, @Body() body: PaymentDto, @CurrentActor() actor: Actor) {
    return this.participation.recordPayment(id, body, actor);
  }
}
