/**
 * Which required pieces a dossier has, per instruction step. Pure: the rows in, the
 * checklist out; the facts provider (completion guards) and the listing both use it,
 * so the user sees exactly what blocks a step.
 */
import type { InstructionStep, Problem } from '../workflow/dossier.events.js';

export interface TypeRequirement {
  code: string;
  label: string;
  requiredStep: string | null;
}

export interface PieceVersion {
  id: string;
  typeCode: string;
  pieceId: string;
  version: number;
  replacedAt: Date | null;
  uploadedAt: Date;
}

export interface ChecklistItem {
  step: InstructionStep;
  type: string;
  label: string;
  present: boolean;
  /** The version that counts for this type (the latest upload among the valid ones). */
  documentId: string | null;
}

/** The newest version of each piece. */
export function latestVersions(documents: readonly PieceVersion[]): PieceVersion[] {
  const latest = new Map<string, PieceVersion>();
  for (const document of documents) {
    const known = latest.get(document.pieceId);
    if (!known || document.version > known.version) latest.set(document.pieceId, document);
  }
  return [...latest.values()];
}

/**
 * The versions that stand for their piece: the newest version of each piece, unless it
 * was marked replaced. An older version never counts, marked or not — it was superseded
 * — and a piece marked replaced counts again once a newer version is uploaded.
 */
export function validVersions(documents: readonly PieceVersion[]): PieceVersion[] {
  return latestVersions(documents).filter((document) => document.replacedAt === null);
}

export function checklist(
  types: readonly TypeRequirement[],
  documents: readonly PieceVersion[],
  step?: InstructionStep,
): ChecklistItem[] {
  const valid = validVersions(documents);
  return types
    .filter((type) => type.requiredStep !== null && (step === undefined || type.requiredStep === step))
    .map((type) => {
      const newest = valid
        .filter((document) => document.typeCode === type.code)
        .sort((a, b) => b.uploadedAt.getTime() - a.uploadedAt.getTime())[0];
      return {
        step: type.requiredStep as InstructionStep,
        type: type.code,
        label: type.label,
        present: newest !== undefined,
        documentId: newest?.id ?? null,
      };
    });
}

/** One problem per required piece missing for the step, in French, for the 409. */
export function missingPieceProblems(
  types: readonly TypeRequirement[],
  documents: readonly PieceVersion[],
  step: InstructionStep,
): Problem[] {
  return checklist(types, documents, step)
    .filter((item) => !item.present)
    .map((item) => ({
      field: `documents.${item.type}`,
      code: 'DOCUMENT_MISSING',
      message: `Pièce manquante : ${item.label}`,
    }));
}
