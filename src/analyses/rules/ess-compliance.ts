/**
 * Step 2 — ESS practices (DOMAIN step 2, rules 2, 9, 10 and the public holdings of
 * rule 3): compliance checks shown with the analysis, and the problems that keep the step
 * from completing. A LEGAL check that fails blocks; a PRACTICE check only warns; a check
 * whose data is missing is UNKNOWN (the completeness problems say what to fill). Pure.
 */
import type { EssPracticesData, MemberCategoryKind, Thresholds } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import { formatBasisPoints, formatEuros } from '../../dossiers/amount-rules.js';
import { essCompletenessProblems } from './ess-completeness.js';
import { publicBodiesAgreementCheck, publicHoldingsCheck } from './public-holdings.js';
import { reserveChecks, type ReserveFigures } from './reserves.js';

export interface ComplianceCheck {
  code: string;
  level: 'LEGAL' | 'PRACTICE';
  status: 'OK' | 'FAILED' | 'UNKNOWN';
  message: string;
  source: string;
  /** The figures the check is judged on, with their source (reserves, rule 9). */
  figures?: ReserveFigures;
}

export interface EssComplianceContext {
  thresholds: Thresholds;
  /** `YYYY-MM-DD`: the day the révision coopérative's age is measured at. */
  today: string;
  nominalShareValueCents: number;
  /**
   * Employees of the SCIC (step 1), when known: with employees, they must be a category
   * of associés — producers stand in for them only where there are none (L47 19 septies).
   */
  employeesFte?: number | null;
}

/**
 * The wage scale is not bounded by the law for a SCIC; the département warns above
 * 1 to 10, the bound commonly used in ESS labels (ESUS approval caps the highest pay
 * relative to the minimum wage). A practice check: it never blocks.
 */
export const WAGE_SCALE_WARNING_RATIO = 10;

/** The vote share above which a college would hold a majority alone (rule 10). */
const MAJORITY_BP = 5_000;

const KIND_LABELS: Record<MemberCategoryKind, string> = {
  EMPLOYEES: 'salariés',
  PRODUCERS: 'producteurs',
  BENEFICIARIES: 'bénéficiaires',
  VOLUNTEERS: 'bénévoles',
  PUBLIC_BODIES: 'personnes publiques',
  SUPPORTERS: 'soutiens',
  OTHER: 'autres',
};

/** A whole number BigInt can take (validation refuses the rest; they read as unknown here, never throw). */
const isWhole = (value: number | null): value is number => value !== null && Number.isSafeInteger(value);

type Check = ComplianceCheck & { fields?: { field: string; message: string }[] };

function check(
  code: string,
  level: ComplianceCheck['level'],
  source: string,
  status: ComplianceCheck['status'],
  message: string,
  fields?: { field: string; message: string }[],
): Check {
  return { code, level, status, message, source, fields };
}

/** Rule 2: ≥ 3 categories, with beneficiaries and employees (or producers where there are no employees). */
function memberCategoriesCheck(data: EssPracticesData, employeesFte: number | null | undefined): Check {
  const source = 'L47 art. 19 septies';
  const present = data.memberCategories.filter((category) => category.memberCount > 0);
  if (present.length === 0) {
    return check('MEMBER_CATEGORIES', 'LEGAL', source, 'UNKNOWN', 'Catégories d’associés non renseignées.');
  }
  // A category is a kind of associés; free kinds (OTHER) are told apart by their label.
  const distinct = new Set(
    present.map((category) =>
      category.kind === 'OTHER' ? `OTHER:${category.label.trim().toLowerCase()}` : category.kind,
    ),
  );
  const has = (kind: MemberCategoryKind) => present.some((category) => category.kind === kind);
  const failures: string[] = [];
  if (distinct.size < 3)
    failures.push(`au moins 3 catégories d’associés sont requises (${distinct.size} renseignée(s))`);
  if (!has('BENEFICIARIES')) failures.push('les bénéficiaires doivent former une catégorie d’associés');
  const withEmployees = employeesFte !== undefined && employeesFte !== null && employeesFte > 0;
  if (!has('EMPLOYEES') && (withEmployees || !has('PRODUCERS'))) {
    failures.push(
      withEmployees
        ? 'la SCIC a des salariés : ils doivent former une catégorie d’associés'
        : 'les salariés (ou, en l’absence de salariés, les producteurs) doivent former une catégorie d’associés',
    );
  }
  if (failures.length > 0) {
    const message = `Catégories d’associés non conformes : ${failures.join(' ; ')}.`;
    return check('MEMBER_CATEGORIES', 'LEGAL', source, 'FAILED', message, [{ field: 'memberCategories', message }]);
  }
  const kinds = [...new Set(present.map((category) => KIND_LABELS[category.kind]))].join(', ');
  return check('MEMBER_CATEGORIES', 'LEGAL', source, 'OK', `${distinct.size} catégories d’associés (${kinds}).`);
}

/** Rule 10: voting colleges, if the statutes organise them. */
type College = EssPracticesData['votingColleges'][number];

const COLLEGES_SOURCE = 'L47 art. 19 octies';

/** The voting colleges' four checks: their number, each one's bounds, no majority alone, a 100 % total. */
function votingCollegeChecks(data: EssPracticesData, thresholds: Thresholds): Check[] {
  const codes = [
    'VOTING_COLLEGES_COUNT',
    'VOTING_COLLEGES_BOUNDS',
    'VOTING_COLLEGES_NO_MAJORITY',
    'VOTING_COLLEGES_TOTAL',
  ];
  if (data.hasVotingColleges === null) {
    return codes.map((code) =>
      check(code, 'LEGAL', COLLEGES_SOURCE, 'UNKNOWN', 'Indiquez si les statuts organisent des collèges de vote.'),
    );
  }
  if (!data.hasVotingColleges) {
    return codes.map((code) =>
      check(code, 'LEGAL', COLLEGES_SOURCE, 'OK', 'Pas de collèges de vote : chaque associé dispose d’une voix.'),
    );
  }
  const colleges = data.votingColleges;
  return [
    collegeCountCheck(colleges),
    collegeBoundsCheck(colleges, thresholds.COLLEGE_MIN_BP, thresholds.COLLEGE_MAX_BP),
    collegeMajorityCheck(colleges),
    collegeTotalCheck(colleges),
  ];
}

function collegeCountCheck(colleges: readonly College[]): Check {
  if (colleges.length >= 3) {
    return check('VOTING_COLLEGES_COUNT', 'LEGAL', COLLEGES_SOURCE, 'OK', `${colleges.length} collèges de vote.`);
  }
  return check(
    'VOTING_COLLEGES_COUNT',
    'LEGAL',
    COLLEGES_SOURCE,
    'FAILED',
    `Les statuts organisent des collèges de vote : il en faut au moins 3 (${colleges.length} renseigné(s)).`,
    [{ field: 'votingColleges', message: `Il faut au moins 3 collèges de vote (${colleges.length} renseigné(s)).` }],
  );
}

function collegeBoundsCheck(colleges: readonly College[], min: number, max: number): Check {
  const bounds = `entre ${formatBasisPoints(min)} et ${formatBasisPoints(max)}`;
  const outOfBounds = colleges
    .map((college, index) => ({ college, index }))
    .filter(({ college }) => college.voteShareBasisPoints < min || college.voteShareBasisPoints > max);
  if (outOfBounds.length === 0) {
    return check(
      'VOTING_COLLEGES_BOUNDS',
      'LEGAL',
      COLLEGES_SOURCE,
      'OK',
      `Chaque collège détient ${bounds} des voix.`,
    );
  }
  return check(
    'VOTING_COLLEGES_BOUNDS',
    'LEGAL',
    COLLEGES_SOURCE,
    'FAILED',
    `Chaque collège doit détenir ${bounds} des voix.`,
    outOfBounds.map(({ college, index }) => ({
      field: `votingColleges[${index}].voteShareBasisPoints`,
      message: `Le collège « ${college.name} » détient ${formatBasisPoints(college.voteShareBasisPoints)} des voix : il doit en détenir ${bounds}.`,
    })),
  );
}

function collegeMajorityCheck(colleges: readonly College[]): Check {
  const majorities = colleges
    .map((college, index) => ({ college, index }))
    .filter(({ college }) => college.voteShareBasisPoints > MAJORITY_BP);
  if (majorities.length === 0) {
    return check(
      'VOTING_COLLEGES_NO_MAJORITY',
      'LEGAL',
      COLLEGES_SOURCE,
      'OK',
      'Aucun collège ne détient seul la majorité des voix.',
    );
  }
  return check(
    'VOTING_COLLEGES_NO_MAJORITY',
    'LEGAL',
    COLLEGES_SOURCE,
    'FAILED',
    'Aucun collège ne peut détenir seul la majorité des voix.',
    majorities.map(({ college, index }) => ({
      field: `votingColleges[${index}].voteShareBasisPoints`,
      message: `Le collège « ${college.name} » détient seul la majorité des voix (${formatBasisPoints(college.voteShareBasisPoints)}).`,
    })),
  );
}

function collegeTotalCheck(colleges: readonly College[]): Check {
  const total = colleges.reduce((sum, college) => sum + college.voteShareBasisPoints, 0);
  if (total === 10_000) {
    return check('VOTING_COLLEGES_TOTAL', 'LEGAL', COLLEGES_SOURCE, 'OK', 'Les collèges totalisent 100 % des voix.');
  }
  return check(
    'VOTING_COLLEGES_TOTAL',
    'LEGAL',
    COLLEGES_SOURCE,
    'FAILED',
    `Les collèges doivent totaliser 100 % des voix (${formatBasisPoints(total)} renseignés).`,
    [
      {
        field: 'votingColleges',
        message: `Les parts de voix des collèges totalisent ${formatBasisPoints(total)} au lieu de 100 %.`,
      },
    ],
  );
}

/** A minimum (or maximum) share in basis points, as a LEGAL check. */
function basisPointsCheck(
  code: string,
  source: string,
  field: keyof EssPracticesData,
  value: number | null,
  bound: number,
  kind: 'MIN' | 'MAX',
  what: string,
): Check {
  if (value === null) return check(code, 'LEGAL', source, 'UNKNOWN', `${what} : non renseigné.`);
  const ok = kind === 'MIN' ? value >= bound : value <= bound;
  const limit = `${kind === 'MIN' ? 'minimum' : 'maximum'} ${formatBasisPoints(bound)}`;
  if (ok) return check(code, 'LEGAL', source, 'OK', `${what} : ${formatBasisPoints(value)} (${limit}).`);
  const message = `${what} : ${formatBasisPoints(value)}, ${kind === 'MIN' ? 'en dessous du' : 'au-dessus du'} ${limit}.`;
  return check(code, 'LEGAL', source, 'FAILED', message, [{ field, message }]);
}

/** Rule 9: the last révision coopérative is at most N years old — a warning only. */
function revisionCheck(data: EssPracticesData, maxYears: number, today: string): Check {
  const code = 'COOPERATIVE_REVISION';
  const source = 'L47 art. 25-1 ; décret n° 2015-706';
  const date = data.lastCooperativeRevisionDate;
  const young = 'une SCIC récente peut ne pas encore en avoir eu';
  if (date === null) {
    return check(
      code,
      'PRACTICE',
      source,
      'UNKNOWN',
      `Date de la dernière révision coopérative non renseignée (${young}).`,
    );
  }
  // Same-format ISO dates compare as strings; 29 February + N years falls due on 1 March.
  const dueBy = `${String(Number(date.slice(0, 4)) + maxYears).padStart(4, '0')}${date.slice(4)}`;
  const display = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return dueBy >= today
    ? check(code, 'PRACTICE', source, 'OK', `Dernière révision coopérative le ${display} (moins de ${maxYears} ans).`)
    : check(
        code,
        'PRACTICE',
        source,
        'FAILED',
        `La dernière révision coopérative (${display}) date de plus de ${maxYears} ans : une nouvelle révision est attendue (${young}).`,
      );
}

/** Cap table consistency: capital = shares × nominal value = sum of the categories' holdings. */
function capTableChecks(data: EssPracticesData, nominal: number): Check[] {
  return [sharesCheck(data, nominal), categoriesCheck(data)];
}

const CAP_TABLE_SOURCE = 'L47 art. 19 septies (table de capitalisation)';

/** The capital is exactly the number of shares times their nominal value (in BigInt: no rounding). */
function sharesCheck(data: EssPracticesData, nominal: number): Check {
  const capital = data.currentCapitalCents;
  const shares = data.numberOfShares;
  if (!isWhole(capital) || !isWhole(shares) || !isWhole(nominal) || nominal <= 0) {
    const message = 'Capital actuel, nombre de parts ou valeur nominale non renseigné.';
    return check('CAP_TABLE_SHARES', 'LEGAL', CAP_TABLE_SOURCE, 'UNKNOWN', message);
  }
  const expected = BigInt(shares) * BigInt(nominal);
  if (expected === BigInt(capital)) {
    const message = `Capital de ${formatEuros(capital)} = ${shares} parts de ${formatEuros(nominal)}.`;
    return check('CAP_TABLE_SHARES', 'LEGAL', CAP_TABLE_SOURCE, 'OK', message);
  }
  const message = `Le capital actuel (${formatEuros(capital)}) ne correspond pas à ${shares} parts de ${formatEuros(nominal)}, soit ${formatEuros(Number(expected))}.`;
  return check('CAP_TABLE_SHARES', 'LEGAL', CAP_TABLE_SOURCE, 'FAILED', message, [
    { field: 'currentCapitalCents', message },
  ]);
}

/** The capital held by the member categories adds up to the current capital. */
function categoriesCheck(data: EssPracticesData): Check {
  const capital = data.currentCapitalCents;
  const categories = data.memberCategories;
  if (!isWhole(capital) || categories.length === 0 || !categories.every((c) => isWhole(c.capitalHeldCents))) {
    const message = 'Capital actuel ou capital détenu par catégorie non renseigné.';
    return check('CAP_TABLE_CATEGORIES', 'LEGAL', CAP_TABLE_SOURCE, 'UNKNOWN', message);
  }
  const held = categories.reduce((sum, category) => sum + BigInt(category.capitalHeldCents), 0n);
  if (held === BigInt(capital)) {
    const message = 'Le capital détenu par les catégories d’associés égale le capital actuel.';
    return check('CAP_TABLE_CATEGORIES', 'LEGAL', CAP_TABLE_SOURCE, 'OK', message);
  }
  const message = `Le capital détenu par les catégories d’associés (${formatEuros(Number(held))}) diffère du capital actuel (${formatEuros(capital)}).`;
  return check('CAP_TABLE_CATEGORIES', 'LEGAL', CAP_TABLE_SOURCE, 'FAILED', message, [
    { field: 'memberCategories', message },
  ]);
}

function wageScaleCheck(ratio: number | null): Check {
  const code = 'WAGE_SCALE';
  const source = 'Pratique ESS (règle interne du Département)';
  if (ratio === null) return check(code, 'PRACTICE', source, 'UNKNOWN', 'Échelle des salaires non renseignée.');
  const scale = `1 à ${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(ratio)}`;
  return ratio <= WAGE_SCALE_WARNING_RATIO
    ? check(code, 'PRACTICE', source, 'OK', `Échelle des salaires de ${scale}.`)
    : check(
        code,
        'PRACTICE',
        source,
        'FAILED',
        `Échelle des salaires de ${scale}, au-delà de 1 à ${WAGE_SCALE_WARNING_RATIO} : écart élevé pour une entreprise de l’ESS.`,
      );
}

/**
 * The compliance checks of step 2, in a fixed order, and the problems that keep the step
 * from completing: completeness, then one problem per failing item of each failed LEGAL
 * check (code = the check's code). PRACTICE failures never block.
 */
export function essCompliance(
  data: EssPracticesData,
  context: EssComplianceContext,
): { checks: ComplianceCheck[]; problems: Problem[] } {
  const { thresholds, today, nominalShareValueCents } = context;
  const all: Check[] = [
    memberCategoriesCheck(data, context.employeesFte),
    ...votingCollegeChecks(data, thresholds),
    ...reserveChecks(data, thresholds),
    basisPointsCheck(
      'INTEREST_ON_SHARES',
      'L47 art. 14',
      'interestOnSharesBasisPoints',
      data.interestOnSharesBasisPoints,
      thresholds.INTEREST_ON_SHARES_CAP_BP,
      'MAX',
      'Taux d’intérêt servi aux parts sociales',
    ),
    revisionCheck(data, thresholds.COOPERATIVE_REVISION_MAX_YEARS, today),
    ...capTableChecks(data, nominalShareValueCents),
    publicBodiesAgreementCheck(data),
    publicHoldingsCheck(data, thresholds.PUBLIC_CAP_BP),
    wageScaleCheck(data.wageScaleRatio),
  ];
  const problems = essCompletenessProblems(data);
  for (const failed of all) {
    if (failed.level !== 'LEGAL' || failed.status !== 'FAILED') continue;
    const items = failed.fields ?? [{ field: 'compliance', message: failed.message }];
    for (const { field, message } of items) problems.push({ field, code: failed.code, message });
  }
  const checks = all.map(({ fields: _fields, ...rest }) => rest);
  return { checks, problems };
}
