/**
 * What stands between an élu and the signature of a decision, for SIGN and for the
 * signature of a correction alike: a signing delegation, a declaration of no interest in
 * the SCIC for this dossier, not being among the élus who withdrew (DOMAIN rule 8); and
 * for an approval, room in its year's envelope, read under a lock on the envelope row so
 * that two signatures cannot together exceed it (rule 5). `releasedCents` is what the
 * signature frees (the amount of the decision a correction replaces).
 */
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { formatEuros } from '../common/french-format.js';
import type { EnvelopesService } from '../referentials/envelopes.service.js';
import type { Problem } from '../workflow/dossier.events.js';
import type { Decision } from './decision.entity.js';
import { SignatoryDeclaration } from './signatory-declaration.entity.js';

export async function signatoryProblems(
  manager: EntityManager,
  envelopes: EnvelopesService,
  decision: Decision,
  actor: Actor,
  releasedCents = 0,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const declaration = await manager.findOneBy(SignatoryDeclaration, {
    dossierId: decision.dossierId,
    userId: actor.userId,
  });
  if (!declaration) {
    problems.push({
      field: 'signatory',
      code: 'SIGNATORY_DECLARATION_MISSING',
      message: 'Le signataire doit d’abord déclarer s’il a un intérêt dans cette SCIC.',
    });
  } else if (declaration.hasInterest) {
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
  if (decision.outcome === 'APPROVED' && decision.amountCents !== null) {
    const envelope = await envelopes.lockYear(manager, decision.envelopeYear);
    const needed = decision.amountCents - releasedCents;
    if (envelope && needed > envelope.remainingCents) {
      problems.push({
        field: 'amountCents',
        code: 'ABOVE_ENVELOPE',
        message: `Le montant (${formatEuros(needed)}) dépasse le reste disponible de l’enveloppe ${envelope.year} (${formatEuros(envelope.remainingCents)} sur ${formatEuros(envelope.amountCents)}).`,
      });
    }
  }
  return problems;
}
