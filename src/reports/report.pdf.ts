/**
 * The note de synthèse of a dossier, as a PDF for the comité d'engagement and the élus:
 * the SCIC and its request, the conclusions of steps 1–3 (with the markers' radar, the
 * key ratios, the financing plan and the recommended instruments), the amount checks
 * (rules 3–5, the public share after subscription first), then the committee's opinion
 * when there is one. Pure: the data in, the bytes out (pdfkit, no browser).
 */
import { formatBasisPoints } from '../dossiers/amount-rules.js';
import { formatEuros, formatFrenchDate, frenchList, plural } from '../common/french-format.js';
import { renderPdf, type PdfComposer, type TableCell } from '../documents/pdf/pdf-composer.js';
import { activitySection, economicSection, essSection } from './report-analyses.pdf.js';
import type { ReportData, ReportOpinion } from './report-data.js';
import { capitalised, formatDecimal, formatSiren, NOT_FILLED } from './report-format.js';

const LEGAL_FORM_LABELS: Readonly<Record<string, string>> = {
  SA: 'société anonyme',
  SAS: 'société par actions simplifiée',
  SARL: 'société à responsabilité limitée',
};

const ALERT = '#b00020';

/** `note-de-synthese-SCIC-2026-0001.pdf`. */
export function reportFileName(reference: string): string {
  return `note-de-synthese-${reference.replace(/[^A-Za-z0-9-]/g, '-')}.pdf`;
}

function identitySection(pdf: PdfComposer, data: ReportData): void {
  pdf.heading('1. La SCIC et sa demande');
  const { scic } = data;
  pdf.field('Dénomination', scic.name);
  pdf.field('SIREN', formatSiren(scic.siren));
  pdf.field('Forme juridique', `SCIC, ${LEGAL_FORM_LABELS[scic.legalForm] ?? scic.legalForm} (${scic.legalForm})`);
  pdf.field('Commune', scic.commune);
  const activity = data.activity?.data;
  if (activity) {
    if (activity.registeredAddress) pdf.field('Siège', activity.registeredAddress);
    if (activity.creationDate) pdf.field('Date de création', formatFrenchDate(activity.creationDate));
    if (activity.territoryServed) pdf.field('Territoire', activity.territoryServed);
    if (activity.sector) pdf.field('Secteur', activity.sector);
    if (activity.employeesFte !== null) pdf.field('Salariés', `${formatDecimal(activity.employeesFte)}\u00a0ETP`);
    if (activity.beneficiariesReached !== null) {
      pdf.field('Bénéficiaires', plural(activity.beneficiariesReached, 'personne'));
    }
    if (activity.turnoverCents !== null) pdf.field('Chiffre d’affaires', formatEuros(activity.turnoverCents));
  }
  const nominal = data.nominalShareValueCents;
  const shares = nominal > 0 && data.requestedAmountCents % nominal === 0 ? data.requestedAmountCents / nominal : null;
  pdf.field(
    'Montant demandé',
    `${formatEuros(data.requestedAmountCents)}${shares === null ? '' : `, soit ${plural(shares, 'part')}`} de ${formatEuros(nominal)}`,
  );
}

function amountSection(pdf: PdfComposer, data: ReportData): void {
  pdf.heading('5. Vérification des montants');
  pdf.paragraph(
    `Règles 3 à 5 : part des personnes publiques dans le capital après souscription (plafond de ${formatBasisPoints(data.publicCapBasisPoints)}), ` +
      `nombre entier de parts, montant demandé, plafond par SCIC (${formatEuros(data.ceilingPerScicCents)}) et enveloppe budgétaire de l’année.`,
  );
  const ess = data.essPractices?.data;
  if (ess && ess.currentCapitalCents !== null) {
    const publicCents = ess.publicHolders.reduce((sum, holder) => sum + holder.amountCents, 0);
    pdf.field('Capital avant souscription', formatEuros(ess.currentCapitalCents));
    pdf.field(
      'Détenu par des personnes publiques',
      ess.publicHolders.length
        ? `${formatEuros(publicCents)} (${frenchList(ess.publicHolders.map((holder) => holder.name))})`
        : 'aucune',
    );
  }
  pdf.table(
    [
      { header: 'Montant examiné', width: 0.3 },
      { header: 'Montant', width: 0.18, align: 'right' },
      { header: 'Parts', width: 0.12, align: 'right' },
      { header: 'Part publique après souscription', width: 0.22, align: 'right' },
      { header: 'Résultat', width: 0.18 },
    ],
    data.amountChecks.map(({ label, check }): TableCell[] => {
      const failed = check.problems.some((problem) => problem.code !== 'CAP_TABLE_UNKNOWN');
      return [
        label,
        formatEuros(check.amountCents),
        check.shares === null ? '—' : plural(check.shares, 'part'),
        check.publicShareAfterBasisPoints === null
          ? 'non calculable'
          : {
              text: formatBasisPoints(check.publicShareAfterBasisPoints),
              bold: check.publicCapRespected === false,
              color: check.publicCapRespected === false ? ALERT : undefined,
            },
        failed
          ? { text: 'non conforme', bold: true, color: ALERT }
          : check.publicCapRespected === null
            ? 'à vérifier'
            : 'conforme',
      ];
    }),
  );
  const unknownCapTable = data.amountChecks
    .flatMap(({ check }) => check.problems)
    .find((problem) => problem.code === 'CAP_TABLE_UNKNOWN');
  if (unknownCapTable) pdf.paragraph(unknownCapTable.message, { italic: true });
  const problems = data.amountChecks.flatMap(({ label, check }) =>
    check.problems
      .filter((problem) => problem.code !== 'CAP_TABLE_UNKNOWN')
      .map((problem) => `${label} : ${problem.message}`),
  );
  if (problems.length) pdf.bullets(problems);
}

function opinionBlock(pdf: PdfComposer, opinion: ReportOpinion): void {
  pdf.field('Séance', formatFrenchDate(opinion.sessionDate));
  pdf.field('Avis', opinion.opinionLabel);
  if (opinion.voteTally) pdf.field('Décompte des voix', opinion.voteTally);
  pdf.field('Motivation', opinion.motivation);
  if (opinion.conditions) pdf.field('Conditions', opinion.conditions);
  if (opinion.proposedAmountCents !== null) {
    pdf.field(
      'Montant proposé',
      `${formatEuros(opinion.proposedAmountCents)}${opinion.proposedShares === null ? '' : ` (${plural(opinion.proposedShares, 'part')})`}`,
    );
  }
  if (opinion.seats.length) {
    pdf.paragraph('Composition pour ce dossier :');
    pdf.bullets(opinion.seats.map((seat) => `${capitalised(seat.label)} : ${seat.memberName ?? 'non pourvu'}`));
  }
  if (opinion.recused.length) pdf.field('Déportés', frenchList(opinion.recused));
}

function opinionSection(pdf: PdfComposer, opinions: readonly ReportOpinion[]): void {
  pdf.heading('6. Avis du comité d’engagement');
  const [latest, ...earlier] = opinions;
  if (!latest) {
    pdf.paragraph('Le comité d’engagement n’a pas encore rendu d’avis sur ce dossier.', { italic: true });
    return;
  }
  opinionBlock(pdf, latest);
  if (earlier.length) {
    pdf.subheading('Avis antérieurs');
    pdf.bullets(
      earlier.map(
        (opinion) =>
          `Séance du ${formatFrenchDate(opinion.sessionDate)} : ${opinion.opinionLabel} — ${opinion.motivation}`,
      ),
    );
  }
}

export function renderReport(data: ReportData): Promise<Buffer> {
  return renderPdf(
    {
      title: `Note de synthèse — ${data.reference} — ${data.scic.name}`,
      subject: 'Demande de prise de participation du Département au capital d’une SCIC',
      author: 'Département — Mission ESS',
      createdAt: data.generatedAt,
    },
    (pdf) => {
      pdf.title('Note de synthèse', `Dossier ${data.reference} — ${data.scic.name}`);
      pdf.field('Établie le', formatFrenchDate(data.generatedOn));
      pdf.field('Étape du dossier', data.stateLabel || NOT_FILLED);
      pdf.paragraph(
        'Instruction par la Mission ESS de la demande de prise de participation du Département au capital de la SCIC, ' +
          'à l’attention du comité d’engagement et des élus.',
        { italic: true },
      );
      identitySection(pdf, data);
      activitySection(pdf, data.activity);
      essSection(pdf, data.essPractices, data.markers);
      economicSection(pdf, data.economic);
      amountSection(pdf, data);
      opinionSection(pdf, data.opinions);
    },
    { footer: `Note de synthèse — ${data.reference}` },
  );
}
