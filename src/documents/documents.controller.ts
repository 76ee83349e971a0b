import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { DossierIdPipe, IdPipe } from '../common/id.pipe.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CurrentActor, RequireDossierPermission, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { DocumentCatalog } from './document-catalog.service.js';
import { DocumentsService } from './documents.service.js';
import { DocumentListView, DocumentTypeView, DocumentView } from './dto/document.view.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';
import { MarkReplacedDto } from './dto/mark-replaced.dto.js';
import { UPLOAD_BODY_SCHEMA } from './dto/upload-document.dto.js';
import { contentDisposition } from './file-name.js';

/** The upload route as fastify names it: its multipart body is handed over unread. */
export const UPLOAD_ROUTE = '/api/dossiers/:id/documents';

@Injectable()
class DocumentIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.DocumentNotFound);
  }
}

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly catalog: DocumentCatalog,
  ) {}

  @Get('document-types')
  @RequirePermission(Permission.DocumentTypeRead)
  @ApiOperation({ summary: 'The referential of document types, with the instruction step that requires each.' })
  @ApiOkResponse({ type: [DocumentTypeView] })
  async types(): Promise<{ items: DocumentTypeView[] }> {
    return { items: await this.catalog.types() };
  }

  @Post('dossiers/:id/documents')
  @RequireDossierPermission(Permission.DocumentUpload)
  @ApiOperation({
    summary: 'Attaches a piece (multipart: file, type, optional replaces and label).',
    description:
      'The format is sniffed from the content (PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX, CSV), never taken from the name: 415 otherwise. ' +
      '413 beyond DOCUMENT_MAX_BYTES, refused while the body streams in. `replaces` names the version a new version supersedes.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: DocumentView })
  async upload(
    @Param('id', DossierIdPipe) dossierId: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentView> {
    try {
      const document = await this.documents.upload(dossierId, request.raw, actor);
      void reply.header('location', `/api/documents/${document.id}/content`);
      return document;
    } catch (error) {
      // Refused before the end of the body: close the connection rather than read (and
      // discard) the rest of a possibly huge upload.
      if (!request.raw.complete) void reply.header('connection', 'close');
      throw error;
    }
  }

  @Get('dossiers/:id/documents')
  @RequireDossierPermission(Permission.DocumentRead)
  @ApiOperation({
    summary: "A dossier's pieces (every version) and the checklist of required pieces per step.",
    description: 'Filter by `type` or by `step` (the types that step requires).',
  })
  @ApiOkResponse({ type: DocumentListView })
  list(@Param('id', DossierIdPipe) dossierId: string, @Query() query: ListDocumentsQuery): Promise<DocumentListView> {
    return this.catalog.list(dossierId, query);
  }

  @Get('documents/:docId/content')
  @RequirePermission(Permission.DocumentRead)
  @ApiOperation({ summary: 'Downloads a piece (journaled), with its sniffed content type and its SHA-256.' })
  @ApiProduces('application/octet-stream')
  async content(
    @Param('docId', DocumentIdPipe) documentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.download(documentId, actor);
    void reply
      .header('etag', `"${document.sha256}"`)
      // RFC 9530: lets the client check the bytes it received.
      .header('repr-digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
      .header('cache-control', 'private, no-store');
    return new StreamableFile(stream, {
      type: document.contentType,
      length: document.sizeBytes,
      disposition: contentDisposition(document.fileName),
    });
  }

  @Post('documents/:docId/replaced')
  @HttpCode(200)
  @RequirePermission(Permission.DocumentMarkReplaced)
  @ApiOperation({ summary: 'Marks a piece as replaced, with a reason; it stays listed and downloadable.' })
  @ApiOkResponse({ type: DocumentView })
  markReplaced(
    @Param('docId', DocumentIdPipe) documentId: string,
    @Body() body: MarkReplacedDto,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentView> {
    return this.documents.markReplaced(documentId, body.reason, actor);
  }
}
