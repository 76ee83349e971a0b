/**
 * The fact the dossiers module answers from the dossier's own data: the request's
 * validity. The amounts are the amount gate's (src/amounts); the analyses, documents,
 * committee, decisions and identity modules answer theirs.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { LEGAL_FORMS } from './scic.entity.js';
import { isValidSiren } from './siren.js';

const OWN_FACTS: readonly FactName[] = ['requestValid'];

interface RequestRow {
  siren: string;
  name: string;
  legal_form: string;
  commune: string;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
}

@Injectable()
export class DossierFactsProvider implements FactsProvider, OnModuleInit {
  constructor(private readonly registry: FactsRegistry) {}

  onModuleInit(): void {
    this.registry.register(this, OWN_FACTS);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    if (!facts.some((fact) => OWN_FACTS.includes(fact))) return answers;

    const [row] = await query.manager.query<RequestRow[]>(
      `SELECT s.siren, s.name, s.legal_form, s.commune, d.requested_amount_cents, d.nominal_share_value_cents
         FROM dossier d JOIN scic s ON s.id = d.scic_id WHERE d.id = $1`,
      [query.dossierId],
    );
    const requested = Number(row.requested_amount_cents);
    const nominal = Number(row.nominal_share_value_cents);

    if (facts.includes('requestValid')) answers.requestValid = requestProblems(row, requested, nominal);
    return answers;
  }
}

/** SCIC identity and request complete and valid (the SUBMIT guard). */
export function requestProblems(row: RequestRow, requestedCents: number, nominalCents: number): Problem[] {
  const problems: Problem[] = [];
  if (!isValidSiren(row.siren))
    problems.push({ field: 'scic.siren', code: 'INVALID_SIREN', message: 'Le SIREN est invalide.' });
  if (!row.name.trim())
    problems.push({ field: 'scic.name', code: 'REQUIRED', message: 'Le nom de la SCIC est obligatoire.' });
  if (!(LEGAL_FORMS as readonly string[]).includes(row.legal_form)) {
    problems.push({
      field: 'scic.legalForm',
      code: 'INVALID_LEGAL_FORM',
      message: 'La forme juridique doit être SA, SAS ou SARL.',
    });
  }
  if (!row.commune.trim())
    problems.push({ field: 'scic.commune', code: 'REQUIRED', message: 'La commune est obligatoire.' });
  if (!(requestedCents > 0)) {
    problems.push({
      field: 'requestedAmountCents',
      code: 'REQUIRED',
      message: 'Le montant demandé doit être positif.',
    });
  } else if (nominalCents > 0 && requestedCents % nominalCents !== 0) {
    problems.push({
      field: 'requestedAmountCents',
      code: 'NOT_WHOLE_SHARES',
      message: 'Le montant demandé doit correspondre à un nombre entier de parts sociales.',
    });
  }
  return problems;
}
