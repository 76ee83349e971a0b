/**
 * What stands between an élu and the signature of a decision, for SIGN and for the
 * signature of a correction alike: a signing delegation, a declaration of no interest in
 * the SCIC (in force for its SIREN, whichever dossier it was made through), not being
 * among the élus who withdrew (DOMAIN rule 8); and
 * for an approval, the amount gate on the SCIC's position, with the year's envelope set
 * and holding what the signature commits, under locks so that two signatures cannot
 * together pass a limit (rules 3 and 5). `releasedCents` is what the signature frees (the
 * amount of the decision a correction replaces).
 */
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AmountGateService } from '../amounts/amount-gate.service.js';
import type { Problem } from '../workflow/dossier.events.js';
import type { Decision } from './decision.entity.js';
import { currentDeclaration, scicOfDossier } from '../committee/interest-declarations.js';

export async function signatoryProblems(
  manager: EntityManager,
  gate: AmountGateService,
  decision: Decision,
  actor: Actor,
  releasedCents = 0,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  // The declaration in force for the SCIC of the dossier, whichever of its dossiers it was made through.
  const scic = await scicOfDossier(manager, decision.dossierId);
  const declaration = await currentDeclaration(manager, 'signatory_declaration', scic.id, actor.userId);
  if (!declaration) {
    problems.push({
      field: 'signatory',
      code: 'SIGNATORY_DECLARATION_MISSING',
      message: 'Le signataire doit d’abord déclarer s’il a un intérêt dans cette SCIC.',
    });
  } else if (declaration.has_interest) {
    problems.push({
      field: 'signatory',
      code: 'SIGNATORY_HAS_INTEREST',
      message: 'Le signataire a déclaré un intérêt dans cette SCIC : il se déporte et ne peut pas signer.',
    });
  }
  if (decision.recusedElectedOfficials.some((official) => official.userId === actor.userId)) {
    problems.push({
      field: 'signatory',
      code: 'SIGNATORY_RECUSED',
      message: 'Le signataire s’est déporté lors de la délibération : il ne peut pas signer la décision.',
    });
  }
  // A delegation limited to one deciding body's decisions does not sign the other's.
  const scopes = actor.signingDelegationScopes;
  if (scopes?.length && !scopes.includes('ALL') && !scopes.includes(decision.body)) {
    problems.push({
      field: 'signatory',
      code: 'DELEGATION_SCOPE',
      message: 'Votre délégation de signature ne couvre pas les décisions de cette instance.',
    });
  }
  if (decision.outcome === 'APPROVED' && decision.amountCents !== null) {
    // The amount gate again, under the SCIC's and the envelope's locks: the position may
    // have moved since the decision (another dossier of the SCIC signed), and the year's
    // envelope must be set and still hold what this signature commits.
    const check = await gate.check(manager, {
      dossierId: decision.dossierId,
      amountCents: decision.amountCents,
      purpose: 'SIGNATURE',
      envelopeYear: decision.envelopeYear,
      releasedCents,
    });
    problems.push(...check.problems);
  }
  return problems;
}
