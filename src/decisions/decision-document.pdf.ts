/**
 * The decision document (DOMAIN step 5): the département's header, the visas of the law,
 * the SCIC, the committee's opinion and proposal, the decision's articles with amount,
 * shares and budget imputation, the élus who withdrew, then the signatory and the date.
 * Generated once, at signing; its SHA-256 identifies it (GET /api/documents/verify).
 * Pure: the data in, the bytes out.
 */
import { formatEuros, formatFrenchDate, frenchList, NBSP, plural } from '../common/french-format.js';
import { OPINION_LABELS } from '../committee/seats.js';
import { type PdfComposer, renderPdf } from '../documents/pdf/pdf-composer.js';
import type { DecisionBody, DecisionOutcome } from '../workflow/dossier.events.js';
import type { DecisionProposal } from './decision.entity.js';

export interface DecisionDocumentData {
  departementName: string;
  dossierReference: string;
  scic: { name: string; siren: string; legalForm: string; commune: string };
  requestedAmountCents: number;
  nominalShareValueCents: number;
  body: DecisionBody;
  delegationReference: string | null;
  sessionDate: string;
  deliberationNumber: string;
  outcome: Exclude<DecisionOutcome, 'ADJOURNED'>;
  amountCents: number | null;
  shares: number | null;
  justification: string | null;
  recusedNames: string[];
  proposal: DecisionProposal | null;
  envelopeYear: number;
  programmeReference: string | null;
  /** The decision this one corrects, if any: its délibération number and why. */
  corrects: { deliberationNumber: string; reason: string } | null;
  signatoryName: string;
  signatoryDelegation: string | null;
  signedAt: Date;
  /** The signing date in the département's time zone, YYYY-MM-DD. */
  signedOn: string;
}

export const BODY_LABELS: Record<DecisionBody, string> = {
  CONSEIL_DEPARTEMENTAL: 'Le Conseil départemental',
  COMMISSION_PERMANENTE: 'La Commission permanente du Conseil départemental',
};

const VISAS = [
  'Vu le code général des collectivités territoriales, notamment ses articles L1111-6, L3211-1 et L3211-2 ;',
  'Vu la loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, notamment son titre II ter (articles 19 quinquies à 19 sexdecies) ;',
  'Vu le décret n° 2014-90 du 31 janvier 2014 portant application de l’article 2 de la loi n° 2013-907 du 11 octobre 2013 relative à la transparence de la vie publique ;',
];

export function renderDecisionDocument(data: DecisionDocumentData): Promise<Buffer> {
  // « SCIC Ressourcerie… » already says what it is; « Ressourcerie… » needs the word.
  const scic = /^SCIC\b/i.test(data.scic.name) ? data.scic.name : `SCIC ${data.scic.name}`;
  const title = `Délibération n°${NBSP}${data.deliberationNumber}`;
  return renderPdf(
    {
      title: `${title} — ${data.scic.name}`,
      subject: 'Prise de participation au capital d’une société coopérative d’intérêt collectif',
      author: data.departementName,
      createdAt: data.signedAt,
    },
    (pdf) => {
      header(pdf, data, title, scic);
      visas(pdf, data, scic);
      articles(pdf, data, scic);
      signature(pdf, data);
    },
    { footer: `${title} — ${data.dossierReference}` },
  );
}

/** The département, the délibération's number and object, and the decision it corrects. */
function header(pdf: PdfComposer, data: DecisionDocumentData, title: string, scic: string): void {
  pdf.paragraph(data.departementName.toUpperCase());
  pdf.paragraph('Mission Économie sociale et solidaire', { italic: true });
  pdf.space();
  pdf.title(title, `Séance du ${formatFrenchDate(data.sessionDate)} — dossier ${data.dossierReference}`);
  pdf.subheading(
    `Objet : ${data.outcome === 'APPROVED' ? 'prise de participation au capital' : 'demande de prise de participation au capital'} de la ${scic}`,
  );
  if (data.corrects) {
    pdf.paragraph(
      `La présente délibération rectifie la délibération n° ${data.corrects.deliberationNumber}, qu’elle remplace : ${data.corrects.reason}`,
      { italic: true },
    );
  }
}

/** The deciding body, then everything it decides in view of: the law, the committee, the request, the déports. */
function visas(pdf: PdfComposer, data: DecisionDocumentData, scic: string): void {
  pdf.paragraph(
    data.body === 'COMMISSION_PERMANENTE'
      ? `${BODY_LABELS[data.body]}, agissant par délégation (${data.delegationReference ?? ''}),`
      : `${BODY_LABELS[data.body]},`,
  );
  for (const visa of VISAS) pdf.paragraph(visa);
  if (data.proposal) committeeVisa(pdf, data.proposal);
  pdf.paragraph(
    `Vu la demande de la ${scic}, ${data.scic.legalForm} à capital variable dont le siège est à ${data.scic.commune} (SIREN${NBSP}${data.scic.siren}), de souscription par le Département de ${formatEuros(data.requestedAmountCents)} de parts sociales d’une valeur nominale de ${formatEuros(data.nominalShareValueCents)} ;`,
  );
  if (data.recusedNames.length) {
    pdf.paragraph(
      `${frenchList(data.recusedNames)} ${data.recusedNames.length > 1 ? 'ne prennent' : 'ne prend'} pas part au vote (déport).`,
    );
  }
}

function committeeVisa(pdf: PdfComposer, proposal: DecisionProposal): void {
  pdf.paragraph(
    `Vu l’avis ${(OPINION_LABELS[proposal.opinion] ?? proposal.opinion).toLowerCase()} du comité d’engagement réuni le ${formatFrenchDate(proposal.committeeDate)}${
      proposal.proposedAmountCents !== null
        ? `, proposant une participation de ${formatEuros(proposal.proposedAmountCents)}${proposal.proposedShares !== null ? ` (${plural(proposal.proposedShares, 'part sociale', 'parts sociales')})` : ''}`
        : ''
    } ;`,
  );
  pdf.paragraph(`Motivation du comité : « ${proposal.motivation} »`, { italic: true });
  if (proposal.conditions)
    pdf.paragraph(`Conditions posées par le comité : « ${proposal.conditions} »`, { italic: true });
}

/** « Décide » and its articles: the subscription and its imputation, or the rejection. */
function articles(pdf: PdfComposer, data: DecisionDocumentData, scic: string): void {
  pdf.heading('Décide');
  if (data.outcome === 'APPROVED' && data.amountCents !== null && data.shares !== null) {
    pdf.paragraph(
      `Article 1 — Le Département souscrit ${plural(data.shares, 'part sociale', 'parts sociales')} de la ${scic}, d’une valeur nominale de ${formatEuros(data.nominalShareValueCents)}, soit une participation au capital de ${formatEuros(data.amountCents)}.`,
    );
    if (data.justification)
      pdf.paragraph(`Le montant retenu diffère de la proposition du comité : ${data.justification}`);
    pdf.paragraph(
      `Article 2 — La dépense est imputée au compte 261 « Titres de participation », autorisation de programme ${data.programmeReference ?? 'de l’exercice'} (${data.envelopeYear}).`,
    );
    pdf.paragraph(
      'Article 3 — Le Président du Conseil départemental, ou son délégataire, est autorisé à signer le bulletin de souscription et tout acte nécessaire à l’exécution de la présente délibération.',
    );
  } else {
    pdf.paragraph(
      `Article 1 — La demande de prise de participation du Département au capital de la ${scic} est rejetée.`,
    );
  }
}

function signature(pdf: PdfComposer, data: DecisionDocumentData): void {
  pdf.space();
  pdf.rule();
  pdf.field('Signé le', formatFrenchDate(data.signedOn));
  pdf.field('Par', data.signatoryName);
  if (data.signatoryDelegation) pdf.field('Délégation de signature', data.signatoryDelegation);
  pdf.paragraph(
    'Document signé dans l’application d’instruction de la Mission ESS. Son empreinte SHA-256, inscrite au journal du dossier, permet d’en vérifier l’authenticité.',
    { italic: true },
  );
}
