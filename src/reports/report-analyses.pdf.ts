/**
 * The three analyses' sections of the note de synthèse (steps 1–3): what each concludes,
 * what it still lacks, and what it computes — compliance checks and the markers' radar
 * (step 2), the ratios, the financing plan and the recommended instruments (step 3).
 * Pure: drawing only.
 */
import type { EssPracticesData, FitConclusion, RecommendedInstruments } from '../analyses/analysis.types.js';
import { formatBasisPoints } from '../dossiers/amount-rules.js';
import { formatCount, formatEuros, frenchList, plural } from '../common/french-format.js';
import type { PdfComposer, TableCell } from '../documents/pdf/pdf-composer.js';
import { drawRadar, RADAR_HEIGHT } from './radar-pdf.js';
import type { ReportActivity, ReportEconomic, ReportEssPractices, ReportMarker } from './report-data.js';
import { CONCLUSION_LABELS, formatRatio, NOT_FILLED, STATEMENT_KIND_LABELS } from './report-format.js';

/** The problems listed under an incomplete analysis; the rest are counted. */
const MAX_PROBLEMS = 8;
const ALERT = '#b00020';

export function notFilled(pdf: PdfComposer): void {
  pdf.paragraph('Analyse non renseignée.', { italic: true });
}

function analysisStatus(pdf: PdfComposer, section: { complete: boolean; problems: readonly { message: string }[] }) {
  if (section.complete) {
    pdf.paragraph('Analyse complète.', { italic: true });
    return;
  }
  const messages = [...new Set(section.problems.map((problem) => problem.message))];
  pdf.paragraph(`Analyse en cours : ${plural(messages.length, 'point reste', 'points restent')} à compléter.`, {
    italic: true,
  });
  const shown = messages.slice(0, MAX_PROBLEMS);
  if (messages.length > shown.length) shown.push(`… et ${plural(messages.length - shown.length, 'autre')}.`);
  pdf.bullets(shown);
}

function conclusion(pdf: PdfComposer, value: FitConclusion | null, comments: string | null): void {
  pdf.field('Conclusion', value ? CONCLUSION_LABELS[value] : NOT_FILLED);
  if (comments) pdf.field('Commentaires', comments);
}

export function activitySection(pdf: PdfComposer, activity: ReportActivity | null): void {
  pdf.heading('2. Étape 1 — Activité et orientations du Département');
  if (!activity) return notFilled(pdf);
  analysisStatus(pdf, activity);
  const { data } = activity;
  if (data.activitiesDescription) pdf.field('Activités', data.activitiesDescription);
  pdf.field(
    'Orientations',
    activity.orientations.length
      ? frenchList(activity.orientations.map((orientation) => orientation.label))
      : NOT_FILLED,
  );
  pdf.field('Compétence départementale', activity.competenceLabel ?? NOT_FILLED);
  pdf.field('Adéquation aux orientations', data.fitAssessment ?? NOT_FILLED);
  conclusion(pdf, data.conclusion, data.comments);
}

export function essSection(pdf: PdfComposer, ess: ReportEssPractices | null, markers: readonly ReportMarker[]): void {
  pdf.heading('3. Étape 2 — Pratiques d’ESS');
  if (!ess) return notFilled(pdf);
  analysisStatus(pdf, ess);
  capitalAndGovernance(pdf, ess.data);
  complianceChecks(pdf, ess.checks);
  transformationMarkers(pdf, markers);
  conclusion(pdf, ess.data.conclusion, ess.data.comments);
}

function capitalAndGovernance(pdf: PdfComposer, data: EssPracticesData): void {
  pdf.field(
    'Capital',
    data.currentCapitalCents === null
      ? NOT_FILLED
      : `${formatEuros(data.currentCapitalCents)}${data.numberOfShares === null ? '' : ` en ${plural(data.numberOfShares, 'part')}`}`,
  );
  if (data.memberCategories.length) {
    pdf.table(
      [
        { header: 'Catégorie d’associés', width: 0.5 },
        { header: 'Associés', width: 0.2, align: 'right' },
        { header: 'Capital détenu', width: 0.3, align: 'right' },
      ],
      data.memberCategories.map((category) => [
        category.label,
        formatCount(category.memberCount),
        formatEuros(category.capitalHeldCents),
      ]),
    );
  }
  if (data.governance) pdf.field('Gouvernance', data.governance);
  if (data.cooperativeProject) pdf.field('Projet coopératif', data.cooperativeProject);
}

function complianceChecks(pdf: PdfComposer, all: ReportEssPractices['checks']): void {
  pdf.subheading('Contrôles de conformité');
  // Several checks can say the same thing (the four checks of voting colleges when there are none).
  const seen = new Set<string>();
  const checks = all.filter((check) => seen.size < seen.add(`${check.status}:${check.message}`).size);
  pdf.table(
    [
      { header: 'Contrôle', width: 0.62 },
      { header: 'Nature', width: 0.18 },
      { header: 'Résultat', width: 0.2 },
    ],
    checks.map((check): TableCell[] => [
      `${check.message} (${check.source})`,
      check.level === 'LEGAL' ? 'obligation légale' : 'bonne pratique',
      check.status === 'OK'
        ? 'conforme'
        : check.status === 'FAILED'
          ? { text: check.level === 'LEGAL' ? 'non conforme' : 'à surveiller', bold: true, color: ALERT }
          : 'à vérifier',
    ]),
  );
}

/** The radar, then the scores and comments it draws. */
function transformationMarkers(pdf: PdfComposer, markers: readonly ReportMarker[]): void {
  pdf.subheading('Marqueurs de transformation');
  pdf.figure(RADAR_HEIGHT, (doc, box) => drawRadar(doc, box, markers));
  pdf.table(
    [
      { header: 'Marqueur', width: 0.3 },
      { header: 'Note', width: 0.12, align: 'center' },
      { header: 'Appréciation', width: 0.58 },
    ],
    markers.map((marker) => [
      marker.label,
      marker.score === null ? 'non noté' : `${marker.score}\u00a0/\u00a03`,
      marker.comment ?? '',
    ]),
  );
}

const NARRATIVE_LABELS = {
  environment: 'Environnement',
  positioning: 'Positionnement',
  means: 'Moyens mis en œuvre',
  economicAndFinancial: 'Aspects économiques et financiers',
  risks: 'Risques',
} as const;

function ratiosTable(pdf: PdfComposer, economic: ReportEconomic): void {
  pdf.subheading('Ratios clés');
  const years = economic.ratios;
  if (!years.length) {
    pdf.paragraph('Aucun exercice renseigné.', { italic: true });
    return;
  }
  const yearWidth = 0.7 / years.length;
  pdf.table(
    [
      { header: 'Ratio', width: 0.3 },
      ...years.map((year) => ({
        header: `${year.year} ${year.kind === 'ACTUAL' ? 'réel' : 'prév.'}`,
        width: yearWidth,
        align: 'right' as const,
      })),
    ],
    years[0].ratios.map((first, index) => [
      first.label,
      ...years.map((year): TableCell => {
        const ratio = year.ratios[index];
        return ratio.status === 'ALERT'
          ? { text: `${formatRatio(ratio)}\u00a0*`, bold: true, color: ALERT }
          : formatRatio(ratio);
      }),
    ]),
    { fontSize: 8.5 },
  );
  const notes = years.flatMap((year) =>
    year.ratios
      .filter((ratio) => ratio.note !== null)
      .map((ratio) => `${year.year} (${STATEMENT_KIND_LABELS[year.kind]}) — ${ratio.label} : ${ratio.note}`),
  );
  if (notes.length) {
    pdf.paragraph('* Alertes et ratios non calculables :', { italic: true });
    pdf.bullets(notes);
  }
}

function financingPlan(pdf: PdfComposer, economic: ReportEconomic): void {
  pdf.subheading('Plan de financement');
  const { uses, resources } = economic.data.financingPlan;
  if (!uses.length && !resources.length) {
    pdf.paragraph('Plan de financement non renseigné.', { italic: true });
  } else {
    const rows: TableCell[][] = Array.from({ length: Math.max(uses.length, resources.length) }, (_, index) => [
      uses[index]?.label ?? '',
      uses[index] ? formatEuros(uses[index].amountCents) : '',
      resources[index]?.label ?? '',
      resources[index] ? formatEuros(resources[index].amountCents) : '',
    ]);
    const totals = economic.planTotals;
    const total = (cents: number) => (Number.isFinite(cents) ? formatEuros(cents) : 'montant invalide');
    rows.push([
      { text: 'Total des emplois', bold: true },
      { text: total(totals.usesCents), bold: true },
      { text: 'Total des ressources', bold: true },
      { text: total(totals.resourcesCents), bold: true },
    ]);
    pdf.table(
      [
        { header: 'Emplois', width: 0.3 },
        { header: 'Montant', width: 0.2, align: 'right' },
        { header: 'Ressources', width: 0.3 },
        { header: 'Montant', width: 0.2, align: 'right' },
      ],
      rows,
    );
    pdf.paragraph(
      totals.balanced
        ? 'Plan équilibré : les ressources couvrent exactement les emplois.'
        : Number.isFinite(totals.differenceCents)
          ? `Plan déséquilibré : écart de ${formatEuros(totals.differenceCents)} (ressources moins emplois).`
          : 'Plan déséquilibré : un montant n’est pas un nombre entier de centimes.',
    );
  }
  const need = economic.data.financingNeedCents;
  pdf.field('Besoin de financement', need === null ? NOT_FILLED : formatEuros(need));
}

function instrumentLines(instruments: RecommendedInstruments): string[] {
  const lines: string[] = [];
  if (instruments.capitalStakeCents !== null) {
    lines.push(`Prise de participation au capital : ${formatEuros(instruments.capitalStakeCents)}`);
  }
  const guarantee = instruments.bankGuarantee;
  if (guarantee) {
    lines.push(
      `Garantie bancaire (${guarantee.partner}) : ${formatBasisPoints(guarantee.percentBasisPoints)} du prêt, soit ${formatEuros(guarantee.amountCents)}`,
    );
  }
  const loan = instruments.solidarityLoan;
  if (loan) {
    lines.push(
      `Prêt solidaire (${loan.partner}) : ${formatEuros(loan.amountCents)} sur ${plural(loan.termMonths, 'mois', 'mois')} au taux de ${formatBasisPoints(loan.rateBasisPoints)}`,
    );
  }
  const advance = instruments.currentAccountAdvance;
  if (advance) {
    lines.push(
      `Avance en compte courant d’associé : ${formatEuros(advance.amountCents)} sur ${plural(advance.durationMonths, 'mois', 'mois')}, convention ${advance.conventionReference}${advance.renewal ? ' (renouvellement)' : ''}`,
    );
  }
  return lines;
}

export function economicSection(pdf: PdfComposer, economic: ReportEconomic | null): void {
  pdf.heading('4. Étape 3 — Analyse économique');
  if (!economic) return notFilled(pdf);
  analysisStatus(pdf, economic);
  const { data } = economic;
  pdf.subheading('Modèle économique');
  for (const [key, label] of Object.entries(NARRATIVE_LABELS)) {
    pdf.field(label, data.narrative[key as keyof typeof NARRATIVE_LABELS] ?? NOT_FILLED);
  }
  ratiosTable(pdf, economic);
  financingPlan(pdf, economic);
  pdf.subheading('Instruments recommandés');
  const instruments = instrumentLines(data.instruments);
  if (instruments.length) pdf.bullets(instruments);
  else pdf.paragraph('Aucun instrument recommandé.', { italic: true });
  conclusion(pdf, data.conclusion, data.comments);
}
