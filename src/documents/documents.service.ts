/**
 * Attaching, replacing and downloading a dossier's pieces. Each change is one
 * transaction that locks the dossier row, writes the metadata and appends the journal
 * entry; the file is renamed into place only after the commit, so a row never names a
 * file that was not completely written (the start-up sweep handles a crash in between).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validateBody, validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { JournalService } from '../journal/journal.service.js';
import { FORMATS, HEAD_BYTES, isZip, sniffFormat, TextProbe } from './content-sniffing.js';
import { DocumentCatalog, toView } from './document-catalog.service.js';
import { DocumentStorage, PRIVATE_FILE_MODE } from './document-storage.service.js';
import { DocumentType } from './document-type.entity.js';
import { DossierDocument } from './dossier-document.entity.js';
import type { DocumentView } from './dto/document.view.js';
import { UploadDocumentDto } from './dto/upload-document.dto.js';
import { sanitizeFileName, withFormatExtension } from './file-name.js';
import { receiveUpload, type ReceivedFile } from './multipart-upload.js';

/** One received file on its way into the dossier. */
interface Upload {
  dossierId: string;
  dto: UploadDocumentDto;
  file: ReceivedFile;
  contentType: string;
  fileName: string;
  actor: Actor;
}

export interface DocumentContent {
  document: DossierDocument;
  stream: Readable;
}

@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly catalog: DocumentCatalog,
    private readonly journal: JournalService,
    private readonly visibility: DossierVisibility,
    private readonly dossierLock: DossierLock,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(dossierId: string, request: IncomingMessage, actor: Actor): Promise<DocumentView> {
    const tempPath = await this.storage.newTempPath();
    const { fields, file } = await receiveUpload(request, { maxBytes: this.config.documentMaxBytes, tempPath });
    return this.store(dossierId, tempPath, fields, file, actor);
  }

  /**
   * Attaches a piece held in memory (demo data, generated documents), with the same
   * checks, storage and journal as an upload.
   */
  async attach(
    dossierId: string,
    piece: { type: string; fileName: string; content: Buffer },
    actor: Actor,
  ): Promise<DocumentView> {
    await this.visibility.assertVisible(dossierId, actor);
    const tempPath = await this.storage.newTempPath();
    await writeFile(tempPath, piece.content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    const text = new TextProbe();
    text.feed(piece.content);
    const file: ReceivedFile = {
      tempPath,
      clientName: piece.fileName,
      size: piece.content.length,
      sha256: createHash('sha256').update(piece.content).digest('hex'),
      head: piece.content.subarray(0, HEAD_BYTES),
      text,
    };
    return this.store(dossierId, tempPath, { type: piece.type }, file, actor);
  }

  private async store(
    dossierId: string,
    tempPath: string,
    fields: Record<string, string>,
    file: ReceivedFile | undefined,
    actor: Actor,
  ): Promise<DocumentView> {
    let committed: DossierDocument | undefined;
    try {
      const dto = await validateBody(UploadDocumentDto, fields);
      if (!file) throw validationFailed([{ field: 'file', messages: ['Joignez un fichier dans le champ « file ».'] }]);
      const { contentType, fileName } = await this.inspect(file);
      committed = await this.dataSource.transaction('READ COMMITTED', (manager) =>
        this.record(manager, { dossierId, dto, file, contentType, fileName, actor }),
      );
    } catch (error) {
      await this.storage.discard(tempPath);
      throw error;
    }
    // Committed: from here the temporary file is the only copy until renamed. A failed
    // rename leaves it for the start-up sweep, which moves it into place.
    await this.storage.place(tempPath, committed.sha256);
    const label = (await this.catalog.labels([committed.typeCode]))[0];
    return toView(committed, label, new Set([committed.id]));
  }

  /** The format from the content (415 when none is accepted) and the name to keep. */
  private async inspect(file: ReceivedFile): Promise<{ contentType: string; fileName: string }> {
    const zipEntries = isZip(file.head) ? await this.storage.zipEntries(file.tempPath, file.size) : undefined;
    const format = sniffFormat({ head: file.head, zipEntries, looksLikeCsv: file.text.looksLikeCsv() });
    if (!format) {
      throw new DomainError(ErrorCode.DocumentFormatNotAccepted, {
        fileName: sanitizeFileName(file.clientName),
        accepted: Object.keys(FORMATS),
      });
    }
    return {
      contentType: FORMATS[format].contentType,
      fileName: withFormatExtension(sanitizeFileName(file.clientName), format),
    };
  }

  /** One upload's metadata and journal entry, in the caller's transaction, under the dossier's lock. */
  private async record(manager: EntityManager, upload: Upload): Promise<DossierDocument> {
    const { dossierId, dto } = upload;
    await this.dossierLock.lock(manager, dossierId);
    const type = await manager.findOneBy(DocumentType, { code: dto.type });
    if (!type) throw validationFailed([{ field: 'type', messages: [`Type de pièce inconnu : ${dto.type}.`] }]);
    const id: string = randomUUID();
    const place = dto.replaces
      ? await this.nextVersionOf(manager, dossierId, dto.replaces.toLowerCase(), type.code)
      : { pieceId: id, version: 1 };
    const now = this.clock.now();
    const document = manager.create(DossierDocument, {
      id,
      dossierId,
      typeCode: type.code,
      ...place,
      replacesId: dto.replaces ? dto.replaces.toLowerCase() : null,
      sha256: upload.file.sha256,
      sizeBytes: upload.file.size,
      contentType: upload.contentType,
      fileName: upload.fileName,
      label: dto.label?.trim() || null,
      uploadedBy: upload.actor.userId,
      uploadedAt: now,
      replacedAt: null,
      replacedBy: null,
      replacedReason: null,
    });
    await manager.save(DossierDocument, document);
    await this.journalAdded(manager, upload, document, now);
    return document;
  }

  /**
   * The piece and version a new version of `replacesId` takes: it must be a piece of this
   * dossier, of the same type, and its latest version (else two replacements would fork).
   */
  private async nextVersionOf(
    manager: EntityManager,
    dossierId: string,
    replacesId: string,
    typeCode: string,
  ): Promise<{ pieceId: string; version: number }> {
    const previous = await manager.findOneBy(DossierDocument, { id: replacesId, dossierId });
    if (!previous) {
      throw validationFailed([{ field: 'replaces', messages: ['La pièce remplacée n’existe pas dans ce dossier.'] }]);
    }
    if (previous.typeCode !== typeCode) {
      throw validationFailed([
        { field: 'type', messages: [`Une nouvelle version garde le type de la pièce (${previous.typeCode}).`] },
      ]);
    }
    const [{ newest }] = await manager.query<{ newest: number }[]>(
      'SELECT max(version)::int AS newest FROM dossier_document WHERE piece_id = $1',
      [previous.pieceId],
    );
    if (newest !== previous.version) {
      throw new DomainError(ErrorCode.DocumentNotLatestVersion, { replaces: previous.id, latestVersion: newest });
    }
    return { pieceId: previous.pieceId, version: previous.version + 1 };
  }

  private async journalAdded(
    manager: EntityManager,
    upload: Upload,
    document: DossierDocument,
    now: Date,
  ): Promise<void> {
    await this.journal.append(
      manager,
      document.dossierId,
      {
        type: 'DOCUMENT_ADDED',
        actor: upload.actor,
        payload: {
          documentId: document.id,
          type: document.typeCode,
          sha256: upload.file.sha256,
          sizeBytes: upload.file.size,
          fileName: upload.fileName,
          contentType: upload.contentType,
          pieceId: document.pieceId,
          version: document.version,
          replacesId: document.replacesId,
        },
      },
      now,
    );
  }

  async markReplaced(documentId: string, reason: string, actor: Actor): Promise<DocumentView> {
    const visible = await this.catalog.visibleDocument(documentId, actor);
    const updated = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await this.dossierLock.lock(manager, visible.dossierId);
      const document = await manager.findOneByOrFail(DossierDocument, { id: visible.id });
      if (document.replacedAt) {
        throw new DomainError(ErrorCode.DocumentAlreadyReplaced, {
          id: document.id,
          replacedAt: document.replacedAt.toISOString(),
        });
      }
      const now = this.clock.now();
      document.replacedAt = now;
      document.replacedBy = actor.userId;
      document.replacedReason = reason.trim();
      await manager.update(
        DossierDocument,
        { id: document.id },
        { replacedAt: now, replacedBy: actor.userId, replacedReason: document.replacedReason },
      );
      await this.journal.append(
        manager,
        document.dossierId,
        {
          type: 'DOCUMENT_MARKED_REPLACED',
          actor,
          payload: {
            documentId: document.id,
            type: document.typeCode,
            sha256: document.sha256,
            reason: document.replacedReason,
          },
        },
        now,
      );
      return document;
    });
    const all = await this.catalog.documentsOf(updated.dossierId);
    return this.catalog.views([updated], all, await this.catalog.types())[0];
  }

  /** The content of a piece the caller may see; the download is journaled first. */
  async download(documentId: string, actor: Actor): Promise<DocumentContent> {
    const document = await this.catalog.visibleDocument(documentId, actor);
    if (!(await this.storage.has(document.sha256))) {
      this.logger.error(`File ${document.sha256} of document ${document.id} is missing from the documents folder.`);
      throw new DomainError(ErrorCode.DocumentContentMissing, { id: document.id });
    }
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await this.dossierLock.lock(manager, document.dossierId);
      await this.journal.append(
        manager,
        document.dossierId,
        {
          type: 'DOCUMENT_DOWNLOADED',
          actor,
          payload: { documentId: document.id, type: document.typeCode, sha256: document.sha256 },
        },
        this.clock.now(),
      );
    });
    return { document, stream: this.storage.read(document.sha256) };
  }
}
