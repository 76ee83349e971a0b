import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierIdPipe } from '../common/id.pipe.js';
import { validationFailed } from '../common/validation.js';
import type { AmountCheck } from '../dossiers/amount-rules.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { visibilityCondition } from '../access/dossier-visibility.js';
import { Permission } from '../access/permissions.js';
import { AmountGateService } from './amount-gate.service.js';

@ApiTags('amounts')
@Controller('dossiers/:id')
export class AmountsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: AmountGateService,
  ) {}

  @Get('amount-check')
  @RequirePermission(Permission.DossierRead)
  @ApiOperation({
    summary:
      'The amount gate on an amount, as the committee, the élus and the signature would apply it: whole shares, request, public cap and per-SCIC ceiling on the SCIC’s whole position, envelope.',
  })
  @ApiQuery({ name: 'amountCents', type: Number, required: true })
  amountCheck(
    @Param('id', DossierIdPipe) id: string,
    @Query('amountCents') amountCents: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AmountCheck> {
    if (!amountCents || !/^[1-9][0-9]{0,14}$/.test(amountCents)) {
      throw validationFailed([
        { field: 'amountCents', messages: ['amountCents doit être un nombre entier positif de centimes.'] },
      ]);
    }
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const condition = visibilityCondition(actor);
      const [visible] = await manager.query<{ id: string }[]>(
        `SELECT d.id FROM dossier d WHERE d.id = $1${condition ? ` AND ${condition}` : ''}`,
        [id],
      );
      if (!visible) throw new DomainError(ErrorCode.DossierNotFound, { id });
      return this.gate.check(manager, { dossierId: id, amountCents: Number(amountCents), purpose: 'PREVIEW' });
    });
  }
}
