/**
 * Step 3 — economic analysis (DOMAIN step 3, rule 11): what keeps the step from
 * completing. Ratio alerts do not block: they are shown with the analysis for the
 * committee to weigh. Pure.
 */
import type { EconomicAnalysisData, FinancialYear, Thresholds } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import { formatEuros, wholeSharesProblems } from '../../dossiers/amount-rules.js';
import { conclusionProblems, requireText, required } from './problem-helpers.js';
import { planTotals } from './financing-plan.js';
import { recommendedAdvanceRefusals, type AdvanceFact } from '../../advances/advance-rules.js';

export interface EconomicRulesContext {
  requestedAmountCents: number;
  thresholds: Thresholds;
  /** When known (step 2 or the request), the capital stake must also be a whole number of shares (rule 4). */
  nominalShareValueCents?: number | null;
  /** The SCIC's shareholder current-account advances, every dossier of its SIREN (rule 11). */
  advances?: readonly AdvanceFact[];
}

/** Where a rule-11 refusal shows in the step-3 form. */
const ADVANCE_FIELDS: Record<string, string> = {
  conventionReference: 'conventionReference',
  termMonths: 'durationMonths',
  renewalOf: 'renewal',
  renewal: 'renewal',
};

export const YEARS_PER_KIND = 3;

const NARRATIVE_SECTIONS = [
  ['environment', 'Environnement'],
  ['positioning', 'Positionnement choisi'],
  ['means', 'Moyens mis en œuvre'],
  ['economicAndFinancial', 'Aspects économiques et financiers'],
  ['risks', 'Risques'],
] as const;

export const STATEMENT_FIGURES = [
  ['turnoverCents', 'chiffre d’affaires'],
  ['operatingSubsidiesCents', 'subventions d’exploitation'],
  ['netResultCents', 'résultat net'],
  ['cafCents', 'capacité d’autofinancement (CAF)'],
  ['equityCents', 'fonds propres'],
  ['balanceSheetTotalCents', 'total du bilan'],
  ['financialDebtCents', 'dettes financières'],
  ['workingCapitalNeedCents', 'besoin en fonds de roulement'],
  ['cashCents', 'trésorerie'],
  ['annualExpensesCents', 'charges annuelles'],
] as const satisfies readonly (readonly [keyof FinancialYear, string])[];

const KIND_LABELS = { ACTUAL: 'réel', FORECAST: 'prévisionnel' } as const;

/** 3 past and 3 forecast years, distinct, consecutive, past before forecast, every figure filled. */
function statementProblems(statements: readonly FinancialYear[]): Problem[] {
  const problems: Problem[] = [];
  const actual = statements.filter((statement) => statement.kind === 'ACTUAL');
  const forecast = statements.filter((statement) => statement.kind === 'FORECAST');
  if (actual.length !== YEARS_PER_KIND || forecast.length !== YEARS_PER_KIND) {
    problems.push({
      field: 'statements',
      code: 'STATEMENTS_COUNT',
      message: `Il faut les états financiers de ${YEARS_PER_KIND} exercices passés et de ${YEARS_PER_KIND} exercices prévisionnels (${actual.length} réel(s) et ${forecast.length} prévisionnel(s) saisis).`,
    });
  }
  const seen = new Set<number>();
  statements.forEach((statement, index) => {
    if (seen.has(statement.year)) {
      problems.push({
        field: `statements[${index}].year`,
        code: 'DUPLICATE_YEAR',
        message: `L’exercice ${statement.year} est saisi plusieurs fois.`,
      });
    }
    seen.add(statement.year);
  });
  if (problems.length === 0) {
    const years = statements.map((statement) => statement.year);
    if (Math.max(...years) - Math.min(...years) !== years.length - 1) {
      problems.push({
        field: 'statements',
        code: 'YEARS_NOT_CONSECUTIVE',
        message: `Les exercices doivent se suivre sans interruption (saisis : ${[...years].sort((a, b) => a - b).join(', ')}).`,
      });
    }
    const lastActual = Math.max(...actual.map((statement) => statement.year));
    const firstForecast = Math.min(...forecast.map((statement) => statement.year));
    if (lastActual >= firstForecast) {
      problems.push({
        field: 'statements',
        code: 'ACTUAL_AFTER_FORECAST',
        message: `Les exercices réels doivent précéder les exercices prévisionnels (dernier réel : ${lastActual}, premier prévisionnel : ${firstForecast}).`,
      });
    }
  }
  statements.forEach((statement, index) => {
    for (const [figure, what] of STATEMENT_FIGURES) {
      if (statement[figure] === null) {
        problems.push(
          required(
            `statements[${index}].${figure}`,
            `Exercice ${statement.year} (${KIND_LABELS[statement.kind]}) : ${what} à renseigner.`,
          ),
        );
      }
    }
  });
  return problems;
}

function financingPlanProblems(data: EconomicAnalysisData): Problem[] {
  const problems: Problem[] = [];
  const { uses, resources } = data.financingPlan;
  if (uses.length === 0)
    problems.push(required('financingPlan.uses', 'Plan de financement : saisissez au moins un emploi.'));
  if (resources.length === 0) {
    problems.push(required('financingPlan.resources', 'Plan de financement : saisissez au moins une ressource.'));
  }
  const lines = [
    ...uses.map((line, index) => ({ line, path: `financingPlan.uses[${index}]`, what: `Emploi n° ${index + 1}` })),
    ...resources.map((line, index) => ({
      line,
      path: `financingPlan.resources[${index}]`,
      what: `Ressource n° ${index + 1}`,
    })),
  ];
  for (const { line, path, what } of lines) {
    requireText(problems, `${path}.label`, line.label, `${what} : libellé`);
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents <= 0) {
      problems.push({
        field: `${path}.amountCents`,
        code: 'NOT_POSITIVE',
        message: `${what} : le montant doit être un nombre entier de centimes strictement positif.`,
      });
    }
  }
  const totals = planTotals(data.financingPlan);
  if (uses.length > 0 && resources.length > 0 && !totals.balanced && Number.isFinite(totals.differenceCents)) {
    problems.push({
      field: 'financingPlan',
      code: 'PLAN_UNBALANCED',
      message: `Le plan de financement n’est pas équilibré : emplois ${formatEuros(totals.usesCents)}, ressources ${formatEuros(totals.resourcesCents)}, écart ${formatEuros(totals.differenceCents)}.`,
    });
  }
  return problems;
}

type Instruments = EconomicAnalysisData['instruments'];

/** The recommended instruments: the capital stake, then each other instrument the analysis proposes. */
function instrumentProblems(data: EconomicAnalysisData, context: EconomicRulesContext): Problem[] {
  const { bankGuarantee, solidarityLoan, currentAccountAdvance } = data.instruments;
  return [
    ...capitalStakeProblems(data, context),
    ...(bankGuarantee !== null ? bankGuaranteeProblems(bankGuarantee) : []),
    ...(solidarityLoan !== null ? solidarityLoanProblems(solidarityLoan) : []),
    ...(currentAccountAdvance !== null ? advanceProblems(currentAccountAdvance, context) : []),
  ];
}

/** The stake: positive, within the request, whole shares, and the one the financing plan counts on. */
function capitalStakeProblems(data: EconomicAnalysisData, context: EconomicRulesContext): Problem[] {
  const stake = data.instruments.capitalStakeCents;
  const field = 'instruments.capitalStakeCents';
  if (stake === null) {
    return [required(field, 'Montant recommandé de la prise de participation au capital : à renseigner.')];
  }
  const problems: Problem[] = [];
  if (stake <= 0) {
    problems.push({
      field,
      code: 'NOT_POSITIVE',
      message: 'La prise de participation recommandée doit être strictement positive.',
    });
  }
  if (stake > context.requestedAmountCents) {
    problems.push({
      field,
      code: 'ABOVE_REQUESTED',
      message: `La prise de participation recommandée (${formatEuros(stake)}) dépasse le montant demandé (${formatEuros(context.requestedAmountCents)}).`,
    });
  }
  const nominal = context.nominalShareValueCents;
  if (nominal !== undefined && nominal !== null && nominal > 0)
    problems.push(...wholeSharesProblems(field, stake, nominal));
  const planned = data.financingPlan.resources
    .filter((resource) => resource.category === 'DEPARTEMENT_STAKE')
    .reduce((sum, resource) => sum + resource.amountCents, 0);
  if (planned !== stake) {
    problems.push({
      field: 'financingPlan.resources',
      code: 'STAKE_PLAN_MISMATCH',
      message: `La participation du Département inscrite au plan de financement (${formatEuros(planned)}) doit égaler la prise de participation recommandée (${formatEuros(stake)}).`,
    });
  }
  return problems;
}

function bankGuaranteeProblems(bankGuarantee: NonNullable<Instruments['bankGuarantee']>): Problem[] {
  const problems: Problem[] = [];
  const path = 'instruments.bankGuarantee';
  requireText(problems, `${path}.partner`, bankGuarantee.partner, 'Garantie bancaire : partenaire');
  if (!(bankGuarantee.percentBasisPoints > 0 && bankGuarantee.percentBasisPoints <= 10_000)) {
    problems.push({
      field: `${path}.percentBasisPoints`,
      code: 'OUT_OF_RANGE',
      message: 'Garantie bancaire : la quotité garantie doit être comprise entre 0 % (exclu) et 100 %.',
    });
  }
  if (!(bankGuarantee.amountCents > 0)) {
    problems.push({
      field: `${path}.amountCents`,
      code: 'NOT_POSITIVE',
      message: 'Garantie bancaire : le montant doit être strictement positif.',
    });
  }
  return problems;
}

function solidarityLoanProblems(solidarityLoan: NonNullable<Instruments['solidarityLoan']>): Problem[] {
  const problems: Problem[] = [];
  const path = 'instruments.solidarityLoan';
  requireText(problems, `${path}.partner`, solidarityLoan.partner, 'Prêt solidaire : partenaire');
  if (!(solidarityLoan.amountCents > 0)) {
    problems.push({
      field: `${path}.amountCents`,
      code: 'NOT_POSITIVE',
      message: 'Prêt solidaire : le montant doit être strictement positif.',
    });
  }
  if (!(solidarityLoan.termMonths > 0)) {
    problems.push({
      field: `${path}.termMonths`,
      code: 'NOT_POSITIVE',
      message: 'Prêt solidaire : la durée doit être strictement positive.',
    });
  }
  if (!(solidarityLoan.rateBasisPoints >= 0)) {
    problems.push({
      field: `${path}.rateBasisPoints`,
      code: 'NEGATIVE',
      message: 'Prêt solidaire : le taux ne peut pas être négatif.',
    });
  }
  return problems;
}

/**
 * Rule 11, as recommended: a convention, at most 24 months, renewable once, one open at a
 * time across the SCIC's dossiers — the same rules that judge a recorded advance.
 */
function advanceProblems(
  advance: NonNullable<Instruments['currentAccountAdvance']>,
  context: EconomicRulesContext,
): Problem[] {
  const problems: Problem[] = [];
  const path = 'instruments.currentAccountAdvance';
  if (!(advance.amountCents > 0)) {
    problems.push({
      field: `${path}.amountCents`,
      code: 'NOT_POSITIVE',
      message: 'Avance en compte courant d’associé : le montant doit être strictement positif.',
    });
  }
  if (!(advance.durationMonths > 0)) {
    problems.push({
      field: `${path}.durationMonths`,
      code: 'NOT_POSITIVE',
      message: 'Avance en compte courant d’associé : la durée doit être strictement positive.',
    });
  }
  const refusals = recommendedAdvanceRefusals(
    advance,
    context.advances ?? [],
    context.thresholds.CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS,
  );
  for (const refusal of refusals) {
    problems.push({
      field: `${path}.${ADVANCE_FIELDS[refusal.field] ?? refusal.field}`,
      code: refusal.reason,
      message: refusal.message,
    });
  }
  return problems;
}

/** Everything that keeps step 3 from completing, with the field it concerns. */
export function economicCompletenessProblems(data: EconomicAnalysisData, context: EconomicRulesContext): Problem[] {
  const problems: Problem[] = [];
  for (const [section, what] of NARRATIVE_SECTIONS) {
    requireText(problems, `narrative.${section}`, data.narrative[section], `Analyse : ${what}`);
  }
  problems.push(...statementProblems(data.statements));
  problems.push(...financingPlanProblems(data));
  if (data.financingNeedCents === null) {
    problems.push(required('financingNeedCents', 'Besoin de financement : à renseigner.'));
  } else if (data.financingNeedCents < 0) {
    problems.push({
      field: 'financingNeedCents',
      code: 'NEGATIVE',
      message: 'Le besoin de financement ne peut pas être négatif.',
    });
  }
  problems.push(...instrumentProblems(data, context));
  problems.push(...conclusionProblems(data.conclusion, data.comments));
  return problems;
}
