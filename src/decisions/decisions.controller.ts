import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DecisionIdPipe, DossierIdPipe } from '../common/id.pipe.js';
import { validationFailed } from '../common/validation.js';
import { DeclareInterestDto } from '../committee/opinions/member-acts.dto.js';
import { CurrentActor, RequireDossierPermission, RequirePermission } from '../access/access.decorators.js';
import { AuthService } from '../identity/auth.service.js';
import { SignatureConfirmationDto } from '../identity/dto/user.dto.js';
import { Permission } from '../access/permissions.js';
import { CorrectionsService } from './corrections.service.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { CorrectionDto } from './dto/correction.dto.js';
import { DecisionsService } from './decisions.service.js';

const SHA256 = /^[0-9a-fA-F]{64}$/;

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly documents: DecisionDocumentsService,
    private readonly corrections: CorrectionsService,
    private readonly auth: AuthService,
  ) {}

  @Post('dossiers/:id/decision/corrections')
  @RequireDossierPermission(Permission.DecisionCorrect)
  @ApiOperation({
    summary: 'Records a correction of the signed decision: a new decision, same outcome, that references it (rule 13).',
    description:
      'Its own délibération number and sitting; the amount rules as for RECORD_DECISION. The signed decision stays in force until the correction is signed. 409 DECISION_CORRECTION_REFUSED (`reason`) when there is nothing to correct, a correction is pending, or the amount rules fail.',
  })
  correct(@Param('id', DossierIdPipe) id: string, @Body() body: CorrectionDto, @CurrentActor() actor: Actor) {
    return this.corrections.record(id, body, actor);
  }

  @Post('dossiers/:id/decision/corrections/:decisionId/sign')
  @HttpCode(200)
  @RequireDossierPermission(Permission.DecisionCorrect)
  @ApiOperation({
    summary: 'Signs a correction: same conditions as SIGN; its document is generated, hashed and journaled.',
    description:
      'Re-authenticates the signatory as SIGN does: `password`, or a session whose password was checked less than five minutes ago; never an API token (403).',
  })
  async signCorrection(
    @Param('id', DossierIdPipe) id: string,
    @Param('decisionId', DecisionIdPipe) decisionId: string,
    @Body() body: SignatureConfirmationDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    const reauthentication = await this.auth.reauthenticate(actor, body.password, request.ip, 'sign');
    return this.corrections.sign(id, decisionId, { ...actor, reauthentication });
  }

  @Get('dossiers/:id/decision')
  @RequireDossierPermission(Permission.DecisionRead)
  @ApiOperation({
    summary:
      'The dossier’s decision in force (or the last recorded), a pending correction, earlier ones, signatories’ declarations and envelope.',
    description: 'Recorded by the RECORD_DECISION event, signed by SIGN (which generates the document).',
  })
  view(@Param('id', DossierIdPipe) id: string) {
    return this.decisions.view(id);
  }

  @Put('dossiers/:id/decision/declaration')
  @RequireDossierPermission(Permission.DecisionDeclare)
  @ApiOperation({
    summary: 'Records the caller’s own declaration of interests in the SCIC, before signing (DOMAIN rule 8).',
    description:
      'Open while the dossier awaits or holds an unsigned decision (else 409 DECISION_NOT_OPEN). A declared interest bars the élu from signing this dossier.',
  })
  declare(@Param('id', DossierIdPipe) id: string, @Body() body: DeclareInterestDto, @CurrentActor() actor: Actor) {
    return this.decisions.declare(id, body, actor);
  }

  @Get('dossiers/:id/decision/document.pdf')
  @RequireDossierPermission(Permission.DecisionRead)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The signed document of the decision in force (PDF), as issued at signing.' })
  async document(
    @Param('id', DossierIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.documents.document(id));
  }

  @Get('dossiers/:id/decisions/:decisionId/document.pdf')
  @RequireDossierPermission(Permission.DecisionRead)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The signed document of one of the dossier’s decisions, a replaced one included.' })
  async decisionDocument(
    @Param('id', DossierIdPipe) id: string,
    @Param('decisionId', DecisionIdPipe) decisionId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.documents.document(id, decisionId));
  }

  @Get('documents/verify')
  @RequirePermission(Permission.DocumentVerify)
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'sha256', required: true, description: 'SHA-256 of the document, 64 hexadecimal digits.' })
  @ApiOperation({
    summary: 'Tells whether the application issued a document with this SHA-256, and for which dossier.',
    description: 'Signed decisions and committee minutes. `{ issued: false }` for an unknown hash.',
  })
  verify(@Query('sha256') sha256?: string) {
    if (!sha256 || !SHA256.test(sha256)) {
      throw validationFailed([
        { field: 'sha256', messages: ['sha256 doit être une empreinte SHA-256 (64 chiffres hexadécimaux).'] },
      ]);
    }
    return this.documents.verify(sha256);
  }
}

function sendPdf(reply: FastifyReply, document: { pdf: Buffer; sha256: string; deliberationNumber: string }): Buffer {
  const name = `decision-${document.deliberationNumber.replace(/[^A-Za-z0-9_-]+/g, '-')}.pdf`;
  reply.header('Content-Type', 'application/pdf');
  reply.header('Content-Disposition', `attachment; filename="${name}"`);
  reply.header('ETag', `"${document.sha256}"`);
  reply.header('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
  return document.pdf;
}
