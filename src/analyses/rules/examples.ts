/**
 * Complete, valid analyses — for unit tests and for the e2e helpers that walk a dossier
 * through steps 1–3. Each returns a fresh object, so that a test may alter its copy.
 */
import {
  MARKER_CODES,
  type ActivityAnalysisData,
  type EconomicAnalysisData,
  type EssPracticesData,
  type FinancialYear,
  type StatementKind,
} from '../analysis.types.js';

/** The nominal share value the ESS example's cap table is consistent with (100 €). */
export const EXAMPLE_NOMINAL_SHARE_VALUE_CENTS = 10_000;

export function completeActivityExample(orientationCode: string, competenceCode: string): ActivityAnalysisData {
  return {
    creationDate: '2019-03-01',
    registeredAddress: '12 rue des Coopératives, 35000 Rennes',
    territoryServed: 'Pays de Rennes et communes rurales voisines',
    sector: 'Alimentation durable et circuits courts',
    activitiesDescription:
      'Épicerie coopérative et légumerie d’insertion approvisionnant la restauration collective en produits locaux.',
    employeesFte: 8.5,
    beneficiariesReached: 1_200,
    turnoverCents: 52_000_000,
    orientationCodes: [orientationCode],
    competenceCode,
    fitAssessment: 'Le projet répond aux orientations du Département en matière d’insertion et d’alimentation locale.',
    conclusion: 'FITS',
    comments: 'Activité en adéquation avec la politique départementale.',
  };
}

/**
 * Cap table: 80 shares of 100 € = 8 000 €, of which public bodies hold 1 000 € (12,5 %).
 * Five categories, beneficiaries and employees among them; no voting colleges.
 */
export function completeEssExample(): EssPracticesData {
  return {
    memberCategories: [
      { kind: 'EMPLOYEES', label: 'Salariés', memberCount: 6, capitalHeldCents: 300_000 },
      { kind: 'BENEFICIARIES', label: 'Usagers', memberCount: 40, capitalHeldCents: 200_000 },
      { kind: 'PRODUCERS', label: 'Producteurs partenaires', memberCount: 5, capitalHeldCents: 100_000 },
      { kind: 'PUBLIC_BODIES', label: 'Collectivités', memberCount: 1, capitalHeldCents: 100_000 },
      { kind: 'SUPPORTERS', label: 'Soutiens', memberCount: 10, capitalHeldCents: 100_000 },
    ],
    hasVotingColleges: false,
    votingColleges: [],
    currentCapitalCents: 800_000,
    numberOfShares: 80,
    publicHolders: [{ name: 'Commune de Rennes', kind: 'TERRITORIAL_AUTHORITY', amountCents: 100_000 }],
    indivisibleReservesBasisPoints: 10_000,
    legalReserveBasisPoints: 1_500,
    legalReserveAmountCents: null,
    highestCapitalCents: null,
    interestOnSharesBasisPoints: 0,
    lastCooperativeRevisionDate: '2024-06-15',
    wageScaleRatio: 2.5,
    governance: 'Assemblée générale annuelle, conseil coopératif mensuel ouvert à toutes les catégories.',
    cooperativeProject: 'Rendre accessible une alimentation locale et de qualité en créant des emplois d’insertion.',
    markers: MARKER_CODES.map((marker, index) => ({
      marker,
      score: index % 4,
      comment: `Appréciation du marqueur ${marker.toLowerCase()}.`,
    })),
    conclusion: 'FITS',
    comments: 'Pratiques conformes au modèle coopératif.',
  };
}

function healthyYear(year: number, kind: StatementKind): FinancialYear {
  return {
    year,
    kind,
    turnoverCents: 50_000_000,
    operatingSubsidiesCents: 10_000_000,
    netResultCents: 2_000_000,
    cafCents: 4_000_000,
    equityCents: 30_000_000,
    balanceSheetTotalCents: 80_000_000,
    financialDebtCents: 15_000_000,
    workingCapitalNeedCents: 5_000_000,
    cashCents: 10_000_000,
    annualExpensesCents: 58_000_000,
  };
}

/**
 * The capital stake equals the requested amount, which the plan's DEPARTEMENT_STAKE
 * resource carries; uses and resources balance. `requestedAmountCents` must be > 0.
 */
export function completeEconomicExample(requestedAmountCents: number): EconomicAnalysisData {
  const stake = requestedAmountCents;
  return {
    narrative: {
      environment: 'Marché local de l’alimentation durable en croissance.',
      positioning: 'Seule offre coopérative de légumerie sur le territoire.',
      means: 'Locaux loués, équipe de 8 ETP, partenariats avec 5 producteurs.',
      economicAndFinancial: 'Activité rentable depuis 2022, fonds propres solides.',
      risks: 'Dépendance à la commande publique de restauration collective.',
    },
    statements: [
      healthyYear(2022, 'ACTUAL'),
      healthyYear(2023, 'ACTUAL'),
      healthyYear(2024, 'ACTUAL'),
      healthyYear(2025, 'FORECAST'),
      healthyYear(2026, 'FORECAST'),
      healthyYear(2027, 'FORECAST'),
    ],
    financingPlan: {
      uses: [
        { category: 'INVESTMENT', label: 'Équipement de la légumerie', amountCents: 2 * stake },
        { category: 'WORKING_CAPITAL_NEED', label: 'Besoin en fonds de roulement', amountCents: stake },
      ],
      resources: [
        { category: 'DEPARTEMENT_STAKE', label: 'Prise de participation du Département', amountCents: stake },
        {
          category: 'MEMBER_CONTRIBUTIONS',
          label: 'Apports des salariés',
          amountCents: stake,
          memberCategory: 'EMPLOYEES',
        },
        { category: 'BANK_LOAN', label: 'Prêt bancaire', amountCents: stake },
      ],
    },
    financingNeedCents: 3 * stake,
    instruments: {
      capitalStakeCents: stake,
      bankGuarantee: { partner: 'France Active', percentBasisPoints: 5_000, amountCents: Math.floor(stake / 2) || 1 },
      solidarityLoan: { partner: 'France Active', amountCents: stake, termMonths: 60, rateBasisPoints: 150 },
      currentAccountAdvance: null,
    },
    conclusion: 'FITS',
    comments: 'Projet viable ; la participation consolide les fonds propres.',
  };
}

/**
 * The ESS example with a cap table of 2 000 shares of `nominalShareValueCents`, public
 * bodies holding 1/32 of it: large enough that subscribing a request of up to 1 800
 * shares keeps the public share within 50 % (rule 3). For demo data and e2e suites.
 */
export function completeEssExampleFor(nominalShareValueCents: number): EssPracticesData {
  const example = completeEssExample();
  const capital = 2_000 * nominalShareValueCents;
  const scale = capital / example.currentCapitalCents!;
  return {
    ...example,
    currentCapitalCents: capital,
    numberOfShares: 2_000,
    memberCategories: example.memberCategories.map((category) => ({
      ...category,
      capitalHeldCents: category.capitalHeldCents * scale,
    })),
    publicHolders: example.publicHolders.map((holder) => ({ ...holder, amountCents: holder.amountCents * scale })),
  };
}
