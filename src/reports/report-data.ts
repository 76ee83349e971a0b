/**
 * What the note de synthèse shows, gathered by the service in one snapshot and rendered
 * by the pure composer. An analysis nobody has saved yet is `null` (« Analyse non
 * renseignée »); one being written shows what it holds and what it still lacks.
 */
import type { ActivityAnalysisData, EconomicAnalysisData, EssPracticesData } from '../analyses/analysis.types.js';
import type { ComplianceCheck } from '../analyses/rules/ess-compliance.js';
import type { PlanTotals } from '../analyses/rules/financing-plan.js';
import type { ratiosTable } from '../analyses/rules/ratios.js';
import type { AmountCheck } from '../dossiers/amount-rules.js';
import type { Problem } from '../workflow/dossier.events.js';

export type RatiosTable = ReturnType<typeof ratiosTable>;

interface AnalysisSection<Data> {
  data: Data;
  complete: boolean;
  /** What keeps the step from completing (French messages). */
  problems: readonly Problem[];
}

export interface ReportActivity extends AnalysisSection<ActivityAnalysisData> {
  /** The chosen orientations, as the referential names them. */
  orientations: { label: string; competenceLabel: string }[];
  /** The departmental competence chosen, by its label. */
  competenceLabel: string | null;
}

export interface ReportEssPractices extends AnalysisSection<EssPracticesData> {
  checks: readonly ComplianceCheck[];
}

export interface ReportEconomic extends AnalysisSection<EconomicAnalysisData> {
  ratios: RatiosTable;
  planTotals: PlanTotals;
}

/** One of the six markers, in the referential's order, with its score when step 2 gives one. */
export interface ReportMarker {
  label: string;
  score: number | null;
  comment: string | null;
}

/** Rules 3–5 applied to one amount under discussion (the request, the recommended stake, the proposal). */
export interface ReportAmountCheck {
  label: string;
  check: AmountCheck;
}

export interface ReportOpinion {
  sessionDate: string;
  opinionLabel: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  /** Seats of the composition that allowed the opinion, with who filled them. */
  seats: { label: string; memberName: string | null }[];
  /** Members « déportés » (declared an interest). */
  recused: string[];
  /** « 3 pour, 1 contre, 1 abstention » (and the chair's casting vote), null when nobody voted. */
  voteTally: string | null;
}

export interface ReportData {
  /** Recorded in the PDF's metadata. */
  generatedAt: Date;
  /** The day of the note in the département's time zone, YYYY-MM-DD. */
  generatedOn: string;
  reference: string;
  stateLabel: string;
  scic: { name: string; siren: string; legalForm: string; commune: string };
  requestedAmountCents: number;
  nominalShareValueCents: number;
  activity: ReportActivity | null;
  essPractices: ReportEssPractices | null;
  economic: ReportEconomic | null;
  markers: ReportMarker[];
  publicCapBasisPoints: number;
  ceilingPerScicCents: number;
  amountChecks: ReportAmountCheck[];
  /** Every opinion given, the latest first (an adjourned dossier may have several). */
  opinions: ReportOpinion[];
}
