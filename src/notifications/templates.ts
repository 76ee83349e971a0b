/**
 * Every message the application sends, in French, as plain text and HTML, in one place.
 * Pure: the data in, the message out.
 */
import { formatFrenchDate } from '../common/french-format.js';
import { STATE_LABELS } from '../workflow/dossier.workflow.js';

export interface MessageContent {
  subject: string;
  text: string;
  html: string;
}

export interface DossierRef {
  reference: string;
  scicName: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const SIGNATURE = 'La Mission ESS du Département';

/** A paragraph, or a bulleted list (an array of items). */
type Block = string | readonly string[];

function compose(subject: string, blocks: Block[]): MessageContent {
  const text = (block: Block) => (typeof block === 'string' ? block : block.map((item) => `- ${item}`).join('\n'));
  const html = (block: Block) =>
    typeof block === 'string'
      ? `<p>${escapeHtml(block)}</p>`
      : `<ul>${block.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return {
    subject,
    text: `${blocks.map(text).join('\n\n')}\n\n${SIGNATURE}\n`,
    html: `<!doctype html><html lang="fr"><body>${blocks.map(html).join('')}<p>${escapeHtml(SIGNATURE)}</p></body></html>`,
  };
}

const label = (dossier: DossierRef) => `${dossier.reference} — ${dossier.scicName}`;

/** `pieces`: the French labels of the pieces to send, when the request names some. */
export function complementsRequested(
  dossier: DossierRef,
  reason: string,
  dueDate: string,
  pieces: readonly string[] = [],
): MessageContent {
  return compose(`Demande de compléments — dossier ${dossier.reference}`, [
    'Madame, Monsieur,',
    `Pour poursuivre l’instruction de la demande de prise de participation de ${dossier.scicName} (dossier ${dossier.reference}), le Département a besoin des compléments suivants :`,
    reason,
    ...(pieces.length ? ['Pièces à transmettre :', pieces] : []),
    `Merci de les transmettre au plus tard le ${formatFrenchDate(dueDate)}. L’instruction reprendra à leur réception.`,
  ]);
}

/** `sessionDate` YYYY-MM-DD; null when the session cannot be read any more (the message still goes). */
export function committeeScheduled(dossier: DossierRef, sessionDate: string | null): MessageContent {
  return compose(`Comité d’engagement — dossier ${dossier.reference} inscrit à l’ordre du jour`, [
    `Le dossier ${label(dossier)} est inscrit à l’ordre du jour ${sessionDate ? `de la séance du ${formatFrenchDate(sessionDate)}` : 'd’une séance'} du comité d’engagement.`,
    'La note de synthèse et les analyses sont consultables dans l’application.',
  ]);
}

export function opinionRecorded(dossier: DossierRef, opinion: string): MessageContent {
  const opinions: Record<string, string> = {
    FAVOURABLE: 'favorable',
    FAVOURABLE_WITH_CONDITIONS: 'favorable sous conditions',
    UNFAVOURABLE: 'défavorable',
    ADJOURNED: 'ajourné',
  };
  return compose(`Avis du comité d’engagement — dossier ${dossier.reference}`, [
    `Le comité d’engagement a rendu un avis ${opinions[opinion] ?? opinion} sur le dossier ${label(dossier)}.`,
    opinion === 'ADJOURNED'
      ? 'Le dossier retourne à l’analyse économique.'
      : 'Le dossier est prêt pour la délibération des élus.',
  ]);
}

export function decisionRecorded(dossier: DossierRef, outcome: string): MessageContent {
  return compose(`Décision à signer — dossier ${dossier.reference}`, [
    outcome === 'ADJOURNED'
      ? `La délibération sur le dossier ${label(dossier)} est ajournée : il retourne au comité d’engagement.`
      : `La décision sur le dossier ${label(dossier)} est enregistrée et attend votre signature.`,
  ]);
}

export function decisionSigned(dossier: DossierRef, approved: boolean): MessageContent {
  return compose(`Décision signée — dossier ${dossier.reference}`, [
    'Madame, Monsieur,',
    approved
      ? `Le Département a approuvé sa prise de participation au capital de ${dossier.scicName} (dossier ${dossier.reference}). La décision signée vous sera transmise.`
      : `Le Département n’a pas retenu la demande de prise de participation de ${dossier.scicName} (dossier ${dossier.reference}). La décision motivée vous sera transmise.`,
  ]);
}

export function deadlineReminder(dossier: DossierRef, state: string, dueDate: string): MessageContent {
  return compose(`Échéance proche — dossier ${dossier.reference}`, [
    `L’étape « ${STATE_LABELS[state] ?? state} » du dossier ${label(dossier)} arrive à échéance le ${formatFrenchDate(dueDate)}.`,
  ]);
}

export function deadlineOverdue(dossier: DossierRef, state: string, dueDate: string): MessageContent {
  return compose(`Échéance dépassée — dossier ${dossier.reference}`, [
    `L’étape « ${STATE_LABELS[state] ?? state} » du dossier ${label(dossier)} devait être achevée le ${formatFrenchDate(dueDate)}.`,
  ]);
}
