/**
 * The required pieces of each instruction step, as completion facts: completing a step
 * is refused (409) while a piece its checklist requires is missing, and the refusal
 * names each missing piece in French. Also checks the pieces a complements request
 * names against the referential.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, InstructionStep, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { missingPieceProblems } from './document-checklist.js';
import { DocumentCatalog } from './document-catalog.service.js';

const STEP_OF_FACT: Partial<Record<FactName, InstructionStep>> = {
  activityComplete: 'activity',
  essPracticesComplete: 'essPractices',
  economicComplete: 'economic',
};

const ANSWERS: readonly FactName[] = [...(Object.keys(STEP_OF_FACT) as FactName[]), 'requestedPieces'];

@Injectable()
export class DocumentFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly catalog: DocumentCatalog,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ANSWERS);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    // Read through the runner's transaction: it sees the dossier as locked.
    const types = await this.catalog.types(query.manager);
    const steps = facts.filter((fact) => STEP_OF_FACT[fact]);
    if (steps.length) {
      const documents = await this.catalog.documentsOf(query.dossierId, query.manager);
      for (const fact of steps) answers[fact] = missingPieceProblems(types, documents, STEP_OF_FACT[fact]!);
    }
    if (facts.includes('requestedPieces')) {
      const known = new Set(types.map((type) => type.code));
      const named = query.command.type === 'REQUEST_COMPLEMENTS' ? (query.command.pieces ?? []) : [];
      answers.requestedPieces = named
        .filter((code) => !known.has(code))
        .map((code) => ({
          field: 'pieces',
          code: 'UNKNOWN_DOCUMENT_TYPE',
          message: `Type de pièce inconnu : ${code}.`,
        }));
    }
    return answers;
  }
}
