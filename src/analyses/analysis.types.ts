/**
 * The data of the three instruction analyses (DOMAIN.md steps 1–3) and of the
 * thresholds they are checked against. Pure types and constants: the entities, DTOs and
 * the pure rule modules (`rules/`) all speak these shapes.
 *
 * Money is integer cents; rates and shares are basis points (1 % = 100 bp); dates are
 * `YYYY-MM-DD`. A field is `null` until the instructor fills it: analyses are saved as
 * they are written, and completeness is computed, never assumed.
 */

// ——— Step 1: activity ———

export const FIT_CONCLUSIONS = ['FITS', 'FITS_WITH_RESERVATIONS', 'DOES_NOT_FIT'] as const;
export type FitConclusion = (typeof FIT_CONCLUSIONS)[number];

export interface ActivityAnalysisData {
  creationDate: string | null;
  registeredAddress: string | null;
  territoryServed: string | null;
  sector: string | null;
  activitiesDescription: string | null;
  /** Full-time equivalents, two decimals at most. */
  employeesFte: number | null;
  beneficiariesReached: number | null;
  turnoverCents: number | null;
  /** Codes of the département's policy orientations (referential) the purpose is attached to. */
  orientationCodes: string[];
  /** The departmental competence it falls within: one of the chosen orientations' competences. */
  competenceCode: string | null;
  fitAssessment: string | null;
  conclusion: FitConclusion | null;
  comments: string | null;
}

// ——— Step 2: ESS practices ———

export const MEMBER_CATEGORY_KINDS = [
  'EMPLOYEES',
  'PRODUCERS',
  'BENEFICIARIES',
  'VOLUNTEERS',
  'PUBLIC_BODIES',
  'SUPPORTERS',
  'OTHER',
] as const;
export type MemberCategoryKind = (typeof MEMBER_CATEGORY_KINDS)[number];

export interface MemberCategory {
  kind: MemberCategoryKind;
  label: string;
  memberCount: number;
  capitalHeldCents: number;
}

export interface VotingCollege {
  name: string;
  /** Share of the votes in the general meeting, basis points (10 % = 1000). */
  voteShareBasisPoints: number;
}

/**
 * The kinds of public bodies a cap table lists. The public cap of L47 art. 19 septies
 * counts the first three together; another public body (a State établissement, a
 * hospital…) is public but outside that cap.
 */
export const PUBLIC_HOLDER_KINDS = [
  'TERRITORIAL_AUTHORITY',
  'GROUPING_OF_AUTHORITIES',
  'TERRITORIAL_PUBLIC_ESTABLISHMENT',
  'OTHER_PUBLIC_BODY',
] as const;
export type PublicHolderKind = (typeof PUBLIC_HOLDER_KINDS)[number];
export const CAPPED_PUBLIC_HOLDER_KINDS: readonly PublicHolderKind[] = [
  'TERRITORIAL_AUTHORITY',
  'GROUPING_OF_AUTHORITIES',
  'TERRITORIAL_PUBLIC_ESTABLISHMENT',
];

/** A public body already holding shares (collectivité, groupement, EPT, other public body), the département excepted. */
export interface PublicHolder {
  name: string;
  kind: PublicHolderKind;
  amountCents: number;
}

export const MARKER_CODES = [
  'AUTONOMY',
  'CAPABILITIES',
  'SOCIAL_JUSTICE',
  'COMMONS',
  'SUSTAINABILITY',
  'RESILIENCE',
] as const;
export type MarkerCode = (typeof MARKER_CODES)[number];

export interface MarkerScore {
  marker: MarkerCode;
  /** Integer 0–3. */
  score: number;
  comment: string;
}

export interface EssPracticesData {
  memberCategories: MemberCategory[];
  /** Whether the statutes organise voting colleges; `null` until said. */
  hasVotingColleges: boolean | null;
  votingColleges: VotingCollege[];
  currentCapitalCents: number | null;
  numberOfShares: number | null;
  publicHolders: PublicHolder[];
  /**
   * Share of the results the statutes allocate to indivisible reserves, legal reserve
   * included: the statutory reserve is this minus `legalReserveBasisPoints`.
   */
  indivisibleReservesBasisPoints: number | null;
  /** Share of the results allocated to the legal reserve. */
  legalReserveBasisPoints: number | null;
  /** Legal reserve already constituted, cents: once it equals the highest capital reached, art. 16 no longer asks for it. */
  legalReserveAmountCents: number | null;
  /** Highest capital the SCIC has reached, cents (art. 16). */
  highestCapitalCents: number | null;
  /** Rate of interest paid on shares, basis points; `null` until said, 0 when none. */
  interestOnSharesBasisPoints: number | null;
  lastCooperativeRevisionDate: string | null;
  /** Ratio of the highest to the lowest wage (e.g. 3 for "1 to 3"). */
  wageScaleRatio: number | null;
  governance: string | null;
  cooperativeProject: string | null;
  markers: MarkerScore[];
  conclusion: FitConclusion | null;
  comments: string | null;
}

// ——— Step 3: economic analysis ———

export interface EconomicNarrative {
  environment: string | null;
  positioning: string | null;
  means: string | null;
  economicAndFinancial: string | null;
  risks: string | null;
}

export const STATEMENT_KINDS = ['ACTUAL', 'FORECAST'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** One year of financial statements (all amounts in cents; any may be negative where it makes sense). */
export interface FinancialYear {
  year: number;
  kind: StatementKind;
  turnoverCents: number | null;
  operatingSubsidiesCents: number | null;
  netResultCents: number | null;
  /** Capacité d'autofinancement. */
  cafCents: number | null;
  equityCents: number | null;
  balanceSheetTotalCents: number | null;
  financialDebtCents: number | null;
  workingCapitalNeedCents: number | null;
  cashCents: number | null;
  annualExpensesCents: number | null;
}

export const FINANCING_USE_CATEGORIES = [
  'INVESTMENT',
  'WORKING_CAPITAL_NEED',
  'LOAN_REPAYMENT',
  'START_UP_COSTS',
  'OTHER_USE',
] as const;
export type FinancingUseCategory = (typeof FINANCING_USE_CATEGORIES)[number];

export const FINANCING_RESOURCE_CATEGORIES = [
  'MEMBER_CONTRIBUTIONS',
  'DEPARTEMENT_STAKE',
  'BANK_LOAN',
  'SOLIDARITY_LOAN',
  'SUBSIDY',
  'CROWDFUNDING',
  'CITIZEN_BUDGET_GRANT',
  'SELF_FINANCING',
  'OTHER_RESOURCE',
] as const;
export type FinancingResourceCategory = (typeof FINANCING_RESOURCE_CATEGORIES)[number];

export interface FinancingUse {
  category: FinancingUseCategory;
  label: string;
  amountCents: number;
}

export interface FinancingResource {
  category: FinancingResourceCategory;
  label: string;
  amountCents: number;
  /** For MEMBER_CONTRIBUTIONS: the category of associés contributing. */
  memberCategory?: MemberCategoryKind | null;
}

export interface FinancingPlan {
  uses: FinancingUse[];
  resources: FinancingResource[];
}

export interface BankGuarantee {
  partner: string;
  /** Share of the loan guaranteed, basis points. */
  percentBasisPoints: number;
  amountCents: number;
}

export interface SolidarityLoan {
  partner: string;
  amountCents: number;
  termMonths: number;
  rateBasisPoints: number;
}

/** Avance en compte courant d'associé (CGCT L1522-5): a convention, at most 2 years, renewable once. */
export interface CurrentAccountAdvance {
  amountCents: number;
  durationMonths: number;
  conventionReference: string;
  /** Whether this advance renews an earlier one (allowed once). */
  renewal: boolean;
}

export interface RecommendedInstruments {
  capitalStakeCents: number | null;
  bankGuarantee: BankGuarantee | null;
  solidarityLoan: SolidarityLoan | null;
  currentAccountAdvance: CurrentAccountAdvance | null;
}

export interface EconomicAnalysisData {
  narrative: EconomicNarrative;
  statements: FinancialYear[];
  financingPlan: FinancingPlan;
  financingNeedCents: number | null;
  instruments: RecommendedInstruments;
  conclusion: FitConclusion | null;
  comments: string | null;
}

// ——— Thresholds (referential, admin-editable, each with its legal source) ———

export const THRESHOLD_CODES = [
  'PUBLIC_CAP_BP',
  'LEGAL_RESERVE_MIN_BP',
  'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP',
  'COOPERATIVE_REVISION_MAX_YEARS',
  'INTEREST_ON_SHARES_CAP_BP',
  'CEILING_PER_SCIC_CENTS',
  'COLLEGE_MIN_BP',
  'COLLEGE_MAX_BP',
  'EQUITY_RATIO_MIN_BP',
  'GEARING_MAX_BP',
  'DEBT_TO_CAF_MAX_YEARS',
  'CASH_MIN_DAYS',
  'SUBSIDY_SHARE_MAX_BP',
  'CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS',
] as const;
export type ThresholdCode = (typeof THRESHOLD_CODES)[number];

/** Values of the thresholds, as integers in the unit their code names. */
export type Thresholds = Readonly<Record<ThresholdCode, number>>;
