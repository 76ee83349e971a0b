import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DossierIdPipe } from '../common/id.pipe.js';
import { validationFailed } from '../common/validation.js';
import type { AmountCheck } from '../dossiers/amount-rules.js';
import { RequireDossierPermission } from '../access/access.decorators.js';
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
  @RequireDossierPermission(Permission.DossierRead)
  @ApiOperation({
    summary:
      'The amount gate on an amount, as the committee, the élus and the signature would apply it: whole shares, request, public cap and per-SCIC ceiling on the SCIC’s whole position, envelope.',
  })
  @ApiQuery({ name: 'amountCents', type: Number, required: true })
  amountCheck(
    @Param('id', DossierIdPipe) id: string,
    @Query('amountCents') amountCents: string | undefined,
  ): Promise<AmountCheck> {
    if (!amountCents || !/^[1-9][0-9]{0,14}$/.test(amountCents)) {
      throw validationFailed([
        { field: 'amountCents', messages: ['amountCents doit être un nombre entier positif de centimes.'] },
      ]);
    }
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.gate.check(manager, { dossierId: id, amountCents: Number(amountCents), purpose: 'PREVIEW' }),
    );
  }
}
