import { inflateSync } from 'node:zlib';
import { MARKER_CODES } from '../analyses/analysis.types.js';
import { essCompliance } from '../analyses/rules/ess-compliance.js';
import { completeActivityExample, completeEconomicExample, completeEssExampleFor } from '../analyses/rules/examples.js';
import { planTotals } from '../analyses/rules/financing-plan.js';
import { ratiosTable } from '../analyses/rules/ratios.js';
import { DEFAULT_THRESHOLDS } from '../analyses/rules/thresholds.js';
import { pdfText, pdfTextLines } from '../documents/pdf/pdf-text.js';
import { amountCheck } from '../dossiers/amount-rules.js';
import type { ReportData } from './report-data.js';
import { renderReport, reportFileName } from './report.pdf.js';

const NOMINAL = 10_000;
/** 150 000 €: with the example's cap table (200 000 €, 25 000 € public), exactly 50 % public after subscription. */
const REQUESTED = 15_000_000;
const PROPOSED = 10_000_000;
const MARKER_LABELS = [
  'Autonomie',
  'Capabilités',
  'Justice sociale',
  'Patrimonialisation en commun',
  'Durabilité',
  'Résilience des territoires',
];

/** Rules 3–5 on an amount, with the example's cap table (or none, as before step 2). */
function check(amountCents: number, capTable = true) {
  return amountCheck({
    amountCents,
    requestedAmountCents: REQUESTED,
    nominalShareValueCents: NOMINAL,
    capTable: capTable
      ? {
          currentCapitalCents: 20_000_000,
          capPublicHoldingsCents: 2_500_000,
          listedPublicHoldingsCents: 2_500_000,
          publicBodiesCategoryCents: 2_500_000,
        }
      : null,
    position: { stakesInForceCents: 0, pendingCents: 0, dossiers: [] },
    publicCapBasisPoints: DEFAULT_THRESHOLDS.PUBLIC_CAP_BP,
    ceilingPerScicCents: DEFAULT_THRESHOLDS.CEILING_PER_SCIC_CENTS,
    envelope: null,
  });
}

function emptyDossier(): ReportData {
  return {
    generatedAt: new Date('2026-11-23T09:00:00Z'),
    generatedOn: '2026-11-23',
    reference: 'SCIC-2026-0001',
    stateLabel: 'Brouillon',
    scic: { name: 'SCIC Les Jardins d’Opale', siren: '812345678', legalForm: 'SAS', commune: 'Arras' },
    requestedAmountCents: REQUESTED,
    nominalShareValueCents: NOMINAL,
    activity: null,
    essPractices: null,
    economic: null,
    markers: MARKER_LABELS.map((label) => ({ label, score: null, comment: null })),
    publicCapBasisPoints: DEFAULT_THRESHOLDS.PUBLIC_CAP_BP,
    ceilingPerScicCents: DEFAULT_THRESHOLDS.CEILING_PER_SCIC_CENTS,
    amountChecks: [{ label: 'Montant demandé', check: check(REQUESTED, false) }],
    opinions: [],
  };
}

function completeDossier(): ReportData {
  const ess = completeEssExampleFor(NOMINAL);
  const economic = completeEconomicExample(REQUESTED);
  const compliance = essCompliance(ess, {
    thresholds: DEFAULT_THRESHOLDS,
    today: '2026-11-23',
    nominalShareValueCents: NOMINAL,
  });
  return {
    ...emptyDossier(),
    stateLabel: 'Décision — en attente de la délibération',
    activity: {
      data: completeActivityExample('INSERTION_EMPLOI', 'INSERTION'),
      complete: true,
      problems: [],
      orientations: [{ label: 'Insertion par l’activité économique', competenceLabel: 'Insertion' }],
      competenceLabel: 'Insertion',
    },
    essPractices: { data: ess, complete: true, problems: [], checks: compliance.checks },
    economic: {
      data: economic,
      complete: true,
      problems: [],
      ratios: ratiosTable(economic.statements, DEFAULT_THRESHOLDS),
      planTotals: planTotals(economic.financingPlan),
    },
    markers: MARKER_CODES.map((code, index) => {
      const scored = ess.markers.find((marker) => marker.marker === code)!;
      return { label: MARKER_LABELS[index], score: scored.score, comment: scored.comment };
    }),
    amountChecks: [
      { label: 'Montant demandé', check: check(REQUESTED) },
      { label: 'Participation recommandée (étape 3)', check: check(economic.instruments.capitalStakeCents!) },
      { label: 'Montant proposé par le comité', check: check(PROPOSED) },
    ],
    opinions: [
      {
        sessionDate: '2026-11-23',
        opinionLabel: 'Favorable sous conditions',
        motivation: 'Projet coopératif solide, plan de financement équilibré, ancrage territorial réel.',
        conditions: 'Libération des parts après la prochaine révision coopérative.',
        proposedAmountCents: PROPOSED,
        proposedShares: 1_000,
        seats: [
          { label: 'la Mission ESS', memberName: 'Alex Mission ESS' },
          { label: 'un membre du CDESS', memberName: 'Sacha Membre du CDESS' },
        ],
        recused: ['Camille Intéressée'],
        voteTally: '3 pour, 1 contre, 1 abstention',
      },
      {
        sessionDate: '2026-10-12',
        opinionLabel: 'Ajourné (retour à l’analyse économique)',
        motivation: 'Le plan de financement doit être consolidé avec la banque.',
        conditions: null,
        proposedAmountCents: null,
        proposedShares: null,
        seats: [],
        recused: [],
        voteTally: null,
      },
    ],
  };
}

/** The text, lines joined with spaces (a long line wraps), no-break spaces as spaces. */
async function textOf(data: ReportData): Promise<string> {
  return pdfText(await renderReport(data)).replace(/\s+/g, ' ');
}

/**
 * A table row in the extracted text: its cells in order (the extraction joins the cells
 * of a line without a separator).
 */
function row(...cells: string[]): RegExp {
  return new RegExp(cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s*'));
}

/** Every page content stream, inflated: to look at the drawing operators. */
function contentStreams(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const from = match.index + match[0].length;
    const to = source.indexOf('endstream', from);
    try {
      streams.push(inflateSync(pdf.subarray(from, to)).toString('latin1'));
    } catch {
      // not a compressed content stream
    }
  }
  return streams.join('\n');
}

describe('note de synthèse (PDF)', () => {
  it('names the file after the reference', () => {
    expect(reportFileName('SCIC-2026-0001')).toBe('note-de-synthese-SCIC-2026-0001.pdf');
  });

  describe('a complete dossier', () => {
    let pdf: Buffer;
    let text: string;
    beforeAll(async () => {
      pdf = await renderReport(completeDossier());
      text = pdfText(pdf).replace(/\s+/g, ' ');
    });

    it('is a PDF whose title names the dossier, dated the French way', () => {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(text).toContain('Note de synthèse');
      expect(text).toContain('Dossier SCIC-2026-0001 — SCIC Les Jardins d’Opale');
      expect(text).toContain('Établie le : 23 novembre 2026');
      expect(text).toMatch(/Note de synthèse — SCIC-2026-0001 — page 1 \/ \d/);
    });

    it('gives the SCIC’s identity and request, with French number typography', () => {
      expect(text).toContain('SIREN : 812 345 678');
      expect(text).toContain('Forme juridique : SCIC, société par actions simplifiée (SAS)');
      expect(text).toContain('Montant demandé : 150 000,00 €, soit 1 500 parts de 100,00 €');
      expect(text).toContain('Date de création : 1er mars 2019');
      expect(text).toContain('Salariés : 8,5 ETP');
      // Thousands and the euro sign are held by no-break spaces, never plain ones.
      const lines = pdfTextLines(pdf);
      expect(lines.some((line) => line.includes('150\u00a0000,00\u00a0€'))).toBe(true);
      expect(lines.some((line) => /\d \d{3},\d\d|\d €/.test(line))).toBe(false);
    });

    it('gives each step’s conclusion', () => {
      expect(text).toContain('2. Étape 1 — Activité et orientations du Département');
      expect(text).toContain('Orientations : Insertion par l’activité économique');
      expect(text).toContain('Compétence départementale : Insertion');
      expect(text.match(/Conclusion : S’inscrit dans les orientations du Département/g)).toHaveLength(3);
      expect(text).toContain('Commentaires : Projet viable ; la participation consolide les fonds propres.');
      expect(text).not.toContain('Analyse non renseignée');
      expect(text.match(/Analyse complète\./g)).toHaveLength(3);
    });

    it('lists the compliance checks and the markers, with the radar drawn as vectors', () => {
      expect(text).toContain('Contrôles de conformité');
      expect(text).toContain('obligation légale');
      for (const label of MARKER_LABELS) expect(text).toContain(label);
      // The example scores the markers 0, 1, 2, 3, 0, 1: each value is written under its label.
      expect(text.match(/\d sur 3/g)?.sort()).toEqual([
        '0 sur 3',
        '0 sur 3',
        '1 sur 3',
        '1 sur 3',
        '2 sur 3',
        '3 sur 3',
      ]);
      const streams = contentStreams(pdf);
      // Rings and values are closed paths (m … l … h), filled and stroked; no image anywhere.
      expect(streams).toMatch(/m\n(?:[-\d.]+ [-\d.]+ l\n){5}h\n/);
      expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    });

    it('shows the key ratios of every year with their units', () => {
      expect(text).toContain('Ratios clés');
      expect(text).toContain('2024 réel');
      expect(text).toContain('2027 prév.');
      expect(text).toContain('37,5 %'); // equity / balance sheet
      expect(text).toMatch(row('Dettes financières / fonds propres', '0,5', '0,5', '0,5', '0,5', '0,5', '0,5'));
      expect(text).toContain('3,75 ans');
      expect(text).toContain('62,93 jours');
      expect(text).toContain('16,67 %');
    });

    it('shows the financing plan, its totals and the recommended instruments', () => {
      expect(text).toContain('Équipement de la légumerie');
      expect(text).toMatch(row('Total des emplois', '450 000,00 €', 'Total des ressources', '450 000,00 €'));
      expect(text).toContain('Plan équilibré');
      expect(text).toContain('Besoin de financement : 450 000,00 €');
      expect(text).toContain('Prise de participation au capital : 150 000,00 €');
      expect(text).toContain('Garantie bancaire (France Active) : 50 % du prêt, soit 75 000,00 €');
      expect(text).toContain('Prêt solidaire (France Active) : 150 000,00 € sur 60 mois au taux de 1,5 %');
    });

    it('checks each amount: the public share after subscription, and what exceeds a limit', () => {
      expect(text).toContain('5. Vérification des montants');
      expect(text).toContain('Capital avant souscription : 200 000,00 €');
      expect(text).toContain('Détenu par des personnes publiques : 25 000,00 € (Commune de Rennes)');
      // 175 000 € of 350 000 € — exactly the cap, which passes; but above the per-SCIC ceiling.
      expect(text).toMatch(row('Montant demandé', '150 000,00 €', '1 500 parts', '50 %', 'non conforme'));
      expect(text).toContain('Montant demandé : Le montant (150 000,00 €) dépasse le plafond par SCIC (100 000,00 €).');
      // 125 000 € of 300 000 €.
      expect(text).toMatch(row('Montant proposé par le comité', '100 000,00 €', '1 000 parts', '41,67 %', 'conforme'));
    });

    it('ends with the committee’s opinion, then the earlier ones', () => {
      expect(text).toContain('6. Avis du comité d’engagement');
      expect(text).toContain('Séance : 23 novembre 2026');
      expect(text).toContain('Avis : Favorable sous conditions');
      expect(text).toContain('Décompte des voix : 3 pour, 1 contre, 1 abstention');
      expect(text).toContain('Conditions : Libération des parts après la prochaine révision coopérative.');
      expect(text).toContain('Montant proposé : 100 000,00 € (1 000 parts)');
      expect(text).toContain('La Mission ESS : Alex Mission ESS');
      expect(text).toContain('Déportés : Camille Intéressée');
      expect(text).toContain('Séance du 12 octobre 2026 : Ajourné (retour à l’analyse économique)');
    });
  });

  describe('a dossier with nothing filled', () => {
    it('says so for each analysis instead of failing', async () => {
      const text = await textOf(emptyDossier());
      expect(text.match(/Analyse non renseignée\./g)).toHaveLength(3);
      expect(text).toContain('Montant demandé : 150 000,00 €, soit 1 500 parts de 100,00 €');
      expect(text).toContain('Le comité d’engagement n’a pas encore rendu d’avis sur ce dossier.');
      expect(text).toMatch(row('Montant demandé', '150 000,00 €', '1 500 parts', 'non calculable', 'non conforme'));
      expect(text).toContain('La table de capitalisation n’est pas connue');
      expect(text).not.toMatch(/\d sur 3/);
    });
  });

  describe('an analysis being written', () => {
    it('shows what it holds and lists what it still lacks', async () => {
      const data = completeDossier();
      const economic = data.economic!;
      data.economic = {
        ...economic,
        data: { ...economic.data, conclusion: null, statements: [] },
        ratios: [],
        complete: false,
        problems: [
          { field: 'conclusion', code: 'REQUIRED', message: 'Conclusion : à renseigner.' },
          { field: 'statements', code: 'REQUIRED', message: 'Exercices : 3 réels et 3 prévisionnels à renseigner.' },
        ],
      };
      const text = await textOf(data);
      expect(text).toContain('Analyse en cours : 2 points restent à compléter.');
      expect(text).toContain('• Exercices : 3 réels et 3 prévisionnels à renseigner.');
      expect(text).toContain('Aucun exercice renseigné.');
      expect(text).toContain('Conclusion : non renseigné');
    });
  });
});
