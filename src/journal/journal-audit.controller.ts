import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { CheckpointService } from './checkpoint.service.js';

@ApiTags('journal')
@Controller('journal')
export class JournalAuditController {
  constructor(private readonly checkpoints: CheckpointService) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Verifies every journal (dossiers and administration) against the dossier rows and the signed checkpoints ' +
      '(table and file), as npm run journal:verify does; names each problem (code, dossier, entry, checkpoint).',
  })
  @RequirePermission(Permission.JournalAudit)
  verify() {
    return this.checkpoints.audit();
  }
}
