/**
 * The read side of documents: the referential of types, a dossier's pieces with their
 * versions and replaced flags, and the checklist of required pieces per step.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import type { InstructionStep } from '../workflow/dossier.events.js';
import { checklist, latestVersions } from './document-checklist.js';
import { DocumentType } from './document-type.entity.js';
import { DossierDocument } from './dossier-document.entity.js';
import type { DocumentListView, DocumentTypeView, DocumentView } from './dto/document.view.js';
import type { ListDocumentsQuery } from './dto/list-documents.query.js';

@Injectable()
export class DocumentCatalog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly visibility: DossierVisibility,
  ) {}

  /** The referential, in display order. Pass the transaction's manager when inside one. */
  async types(manager: EntityManager = this.dataSource.manager): Promise<DocumentTypeView[]> {
    const rows = await manager.find(DocumentType, { order: { position: 'ASC', code: 'ASC' } });
    return rows.map(({ code, label, requiredStep, position }) => ({ code, label, requiredStep, position }));
  }

  /** French labels of the given codes, in the order given (an unknown code keeps its code). */
  async labels(codes: readonly string[]): Promise<string[]> {
    const byCode = new Map((await this.types()).map((type) => [type.code, type.label]));
    return codes.map((code) => byCode.get(code) ?? code);
  }

  /** Every version of every piece of a dossier. */
  async documentsOf(dossierId: string, manager: EntityManager = this.dataSource.manager): Promise<DossierDocument[]> {
    return manager.find(DossierDocument, {
      where: { dossierId },
      order: { uploadedAt: 'ASC', version: 'ASC', id: 'ASC' },
    });
  }

  async list(dossierId: string, query: ListDocumentsQuery): Promise<DocumentListView> {
    const types = await this.types();
    if (query.type && !types.some((type) => type.code === query.type)) {
      throw new DomainError(ErrorCode.ValidationFailed, {
        fields: [{ field: 'type', messages: [`Type de pièce inconnu : ${query.type}.`] }],
      });
    }
    const documents = await this.documentsOf(dossierId);
    const position = new Map(types.map((type) => [type.code, type.position]));
    const stepTypes = new Set(
      types.filter((type) => query.step === undefined || type.requiredStep === query.step).map((type) => type.code),
    );
    const items = documents
      .filter((document) => (query.type ? document.typeCode === query.type : stepTypes.has(document.typeCode)))
      .sort((a, b) => (position.get(a.typeCode) ?? 0) - (position.get(b.typeCode) ?? 0));
    return {
      items: this.views(items, documents, types),
      checklist: checklist(types, documents, query.step as InstructionStep | undefined),
    };
  }

  /**
   * One document the caller may see, with its dossier; 404 (DOCUMENT_NOT_FOUND) when it
   * does not exist or its dossier is hidden from the caller, who cannot tell which.
   */
  async visibleDocument(documentId: string, actor: Actor): Promise<DossierDocument> {
    const condition = this.visibility.condition(actor, 'd');
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT doc.id FROM dossier_document doc JOIN rm_dossier_listing d ON d.id = doc.dossier_id
        WHERE doc.id = $1${condition ? ` AND ${condition}` : ''}`,
      [documentId],
    );
    const document = row ? await this.dataSource.manager.findOneBy(DossierDocument, { id: row.id }) : null;
    if (!document) throw new DomainError(ErrorCode.DocumentNotFound, { id: documentId });
    return document;
  }

  /** Views of `selected`, knowing every version of the dossier (to tell which are superseded). */
  views(
    selected: readonly DossierDocument[],
    all: readonly DossierDocument[],
    types: readonly DocumentTypeView[],
  ): DocumentView[] {
    const labels = new Map(types.map((type) => [type.code, type.label]));
    const latest = new Set(latestVersions(all).map((document) => document.id));
    return selected.map((document) => toView(document, labels.get(document.typeCode) ?? document.typeCode, latest));
  }
}

export function toView(document: DossierDocument, typeLabel: string, latest: ReadonlySet<string>): DocumentView {
  return {
    id: document.id,
    dossierId: document.dossierId,
    type: document.typeCode,
    typeLabel,
    pieceId: document.pieceId,
    version: document.version,
    replacesId: document.replacesId,
    superseded: !latest.has(document.id),
    replaced: document.replacedAt
      ? {
          at: document.replacedAt.toISOString(),
          by: document.replacedBy ?? '',
          reason: document.replacedReason ?? '',
        }
      : null,
    fileName: document.fileName,
    label: document.label,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedAt: document.uploadedAt.toISOString(),
    uploadedBy: document.uploadedBy,
  };
}
