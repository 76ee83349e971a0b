/**
 * Every text the interface shows, in one place (the interface speaks French; the API's
 * own French messages are shown as they come). Labels of API values are keyed by the
 * API's codes.
 */

export const APP_NAME = 'Instruction des SCIC';
export const ORGANISATION = 'Département — Mission ESS';

export const ROLE_LABELS: Record<string, string> = {
  instructor: 'Instructeur (Mission ESS)',
  committee_member: 'Membre du comité d’engagement',
  committee_secretary: 'Secrétaire du comité',
  elected_official: 'Élu',
  admin: 'Administrateur',
  viewer: 'Lecteur',
};

export const STEP_LABELS = [
  'Activité',
  'Pratiques d’ESS',
  'Analyse économique',
  'Comité d’engagement',
  'Décision des élus',
] as const;

export const STEP_STATUS = {
  done: 'terminée',
  current: 'en cours',
  visited: 'déjà parcourue',
  todo: 'à venir',
} as const;

/** The groups of states the filters and the dashboard offer (API `state` accepts parents). */
export const STATE_FILTERS: { value: string; label: string }[] = [
  { value: 'draft', label: 'Brouillon' },
  { value: 'instruction', label: 'Instruction (étapes 1 à 3)' },
  { value: 'instruction.activity', label: 'Étape 1 — Activité' },
  { value: 'instruction.essPractices', label: 'Étape 2 — Pratiques d’ESS' },
  { value: 'instruction.economic', label: 'Étape 3 — Analyse économique' },
  { value: 'awaitingComplements', label: 'En attente de compléments' },
  { value: 'committee', label: 'Étape 4 — Comité d’engagement' },
  { value: 'decision', label: 'Étape 5 — Décision des élus' },
  { value: 'approved', label: 'Participation approuvée' },
  { value: 'rejected', label: 'Participation refusée' },
  { value: 'withdrawn', label: 'Désistement' },
  { value: 'closed', label: 'Classé sans suite' },
];

export const SORT_LABELS: Record<string, string> = {
  '-createdAt': 'Les plus récents',
  createdAt: 'Les plus anciens',
  reference: 'Référence',
  name: 'Nom de la SCIC (A → Z)',
  '-name': 'Nom de la SCIC (Z → A)',
  '-requestedAmountCents': 'Montant demandé (décroissant)',
  requestedAmountCents: 'Montant demandé (croissant)',
  '-updatedAt': 'Dernière modification',
};

export const EVENT_LABELS: Record<string, string> = {
  SUBMIT: 'Ouvrir l’instruction',
  COMPLETE_ACTIVITY: 'Valider l’étape 1 (activité)',
  COMPLETE_ESS_PRACTICES: 'Valider l’étape 2 (pratiques d’ESS)',
  COMPLETE_ECONOMIC: 'Valider l’étape 3 et transmettre au comité',
  SEND_BACK: 'Renvoyer à une étape antérieure',
  REQUEST_COMPLEMENTS: 'Demander des compléments',
  RECEIVE_COMPLEMENTS: 'Enregistrer la réception des compléments',
  SCHEDULE_COMMITTEE: 'Inscrire à une séance du comité',
  RECORD_OPINION: 'Enregistrer l’avis du comité',
  RECORD_DECISION: 'Enregistrer la décision',
  SIGN: 'Signer la décision',
  WITHDRAW: 'Enregistrer le désistement',
  CLOSE: 'Classer sans suite',
};

/** What the confirmation dialog says each event will do. */
export const EVENT_CONFIRMATIONS: Record<string, string> = {
  SUBMIT: 'Le dossier passe à l’étape 1 : analyse des indicateurs d’activité.',
  COMPLETE_ACTIVITY: 'L’étape 1 est close et le dossier passe à l’étape 2 (pratiques d’ESS).',
  COMPLETE_ESS_PRACTICES: 'L’étape 2 est close et le dossier passe à l’étape 3 (analyse économique).',
  COMPLETE_ECONOMIC: 'L’instruction est close : le dossier attend une séance du comité d’engagement.',
  SEND_BACK: 'Le dossier revient à l’étape choisie ; le motif est inscrit au journal.',
  REQUEST_COMPLEMENTS: 'L’étape est suspendue jusqu’à la réception des compléments ; la SCIC en est informée.',
  RECEIVE_COMPLEMENTS: 'Le dossier reprend l’étape qu’il avait quittée.',
  SCHEDULE_COMMITTEE: 'Le dossier est inscrit à l’ordre du jour de la séance choisie.',
  RECORD_OPINION: 'L’avis motivé est enregistré et le dossier passe à la décision des élus.',
  RECORD_DECISION: 'La décision est enregistrée ; elle devra ensuite être signée.',
  SIGN: 'La décision est signée : ce geste est définitif.',
  WITHDRAW: 'La SCIC renonce à sa demande : le dossier est clos définitivement.',
  CLOSE: 'Le dossier est classé sans suite : il est clos définitivement.',
};

export const INSTRUCTION_STEP_LABELS: Record<string, string> = {
  activity: 'Étape 1 — Activité',
  essPractices: 'Étape 2 — Pratiques d’ESS',
  economic: 'Étape 3 — Analyse économique',
};

export const TABS = {
  summary: 'Synthèse',
  activity: '1. Activité',
  essPractices: '2. Pratiques d’ESS',
  economic: '3. Analyse économique',
  committee: '4. Comité',
  decision: '5. Décision',
  participation: 'Participation',
  documents: 'Pièces',
  journal: 'Journal',
} as const;

/**
 * Labels of the fields, by `Schema.property` first, then by property: the API's own list,
 * with which its validation messages name a field (one list for both).
 */
export { FIELD_LABELS } from '../../../src/common/field-labels';

export const ENUM_LABELS: Record<string, string> = {
  FITS: 'S’inscrit dans les orientations',
  FITS_WITH_RESERVATIONS: 'S’inscrit avec réserves',
  DOES_NOT_FIT: 'Ne s’inscrit pas dans les orientations',
  EMPLOYEES: 'Salariés',
  PRODUCERS: 'Producteurs',
  BENEFICIARIES: 'Bénéficiaires',
  VOLUNTEERS: 'Bénévoles',
  PUBLIC_BODIES: 'Collectivités publiques',
  TERRITORIAL_AUTHORITY: 'Collectivité territoriale',
  GROUPING_OF_AUTHORITIES: 'Groupement de collectivités',
  TERRITORIAL_PUBLIC_ESTABLISHMENT: 'Établissement public territorial',
  OTHER_PUBLIC_BODY: 'Autre personne publique (hors plafond)',
  SUPPORTERS: 'Soutiens',
  OTHER: 'Autre',
  AUTONOMY: 'Autonomie',
  CAPABILITIES: 'Capabilités',
  SOCIAL_JUSTICE: 'Justice sociale',
  COMMONS: 'Patrimonialisation en commun',
  SUSTAINABILITY: 'Durabilité',
  RESILIENCE: 'Résilience',
  ACTUAL: 'Réel',
  FORECAST: 'Prévisionnel',
  INVESTMENT: 'Investissements',
  WORKING_CAPITAL_NEED: 'Besoin en fonds de roulement',
  LOAN_REPAYMENT: 'Remboursement d’emprunts',
  START_UP_COSTS: 'Frais de démarrage',
  OTHER_USE: 'Autre emploi',
  MEMBER_CONTRIBUTIONS: 'Apports des associés',
  DEPARTEMENT_STAKE: 'Participation du Département',
  BANK_LOAN: 'Prêt bancaire',
  SOLIDARITY_LOAN: 'Prêt solidaire',
  SUBSIDY: 'Subvention',
  CROWDFUNDING: 'Financement participatif',
  CITIZEN_BUDGET_GRANT: 'Budget participatif',
  SELF_FINANCING: 'Autofinancement',
  OTHER_RESOURCE: 'Autre ressource',
  SA: 'SA',
  SAS: 'SAS',
  SARL: 'SARL',
  FAVOURABLE: 'Favorable',
  FAVOURABLE_WITH_CONDITIONS: 'Favorable sous conditions',
  UNFAVOURABLE: 'Défavorable',
  ADJOURNED: 'Ajourné',
  ABSTENTION: 'Abstention',
  APPROVED: 'Approuvée',
  REJECTED: 'Refusée',
  ASSOCIE: 'Associé de la SCIC',
  OFFICER: 'Dirigeant ou mandataire',
  EMPLOYEE: 'Salarié',
  FAMILY_TIE: 'Lien familial',
  DEPARTEMENT_REPRESENTATIVE: 'Représentant du Département au sein de la SCIC',
  SCHEDULED: 'Inscrit',
  EXAMINED: 'Examiné',
  MOVED: 'Reporté',
  REMOVED: 'Retiré',
  OPEN: 'Ouverte',
  CLOSED: 'Close',
  CONSEIL_DEPARTEMENTAL: 'Conseil départemental',
  COMMISSION_PERMANENTE: 'Commission permanente',
};

/** A decision's outcome (the committee's ADJOURNED is masculine: « avis ajourné »). */
export const DECISION_OUTCOME_LABELS: Record<string, string> = {
  APPROVED: 'Participation approuvée',
  REJECTED: 'Participation refusée',
  ADJOURNED: 'Ajournée (le dossier retourne au comité)',
};

export const JOURNAL_TYPES: Record<string, string> = {
  DOSSIER_CREATED: 'Dossier enregistré',
  TRANSITION: 'Changement d’étape',
  ANALYSIS_UPDATED: 'Analyse modifiée',
  DOCUMENT_ADDED: 'Pièce ajoutée',
  DOCUMENT_MARKED_REPLACED: 'Pièce marquée remplacée',
  COMMITTEE_RESCHEDULED: 'Passage en comité reporté',
  COMMITTEE_MINUTES: 'Procès-verbal du comité',
  INTEREST_DECLARED: 'Déclaration d’intérêts',
  VOTE_CAST: 'Vote',
  SIGNATORY_INTEREST_DECLARED: 'Déclaration d’intérêts du signataire',
  DECISION_CORRECTION_RECORDED: 'Correction de la décision enregistrée',
  DECISION_CORRECTION_SIGNED: 'Correction de la décision signée',
  SUBSCRIPTION_RECORDED: 'Souscription enregistrée',
  PAYMENT_RECORDED: 'Versement enregistré',
  ADVANCE_RECORDED: 'Avance en compte courant d’associé enregistrée',
  ADVANCE_CLOSED: 'Avance en compte courant d’associé clôturée',
};

export const MESSAGES = {
  skipLink: 'Aller au contenu',
  loading: 'Chargement…',
  retry: 'Réessayer',
  logout: 'Se déconnecter',
  loggedAs: 'Connecté en tant que',
  mainNav: 'Navigation principale',
  navDashboard: 'Tableau de bord',
  navDossiers: 'Dossiers',
  navCommittee: 'Comité d’engagement',
  navAdmin: 'Administration',
  navVerify: 'Vérifier un document',
  navPortfolio: 'Portefeuille',
  loginTitle: 'Connexion',
  loginIntro: 'Connectez-vous avec votre adresse électronique professionnelle.',
  email: 'Adresse électronique',
  password: 'Mot de passe',
  roleOptional: 'Rôle (si vous en avez plusieurs)',
  roleDefault: 'Rôle principal',
  signIn: 'Se connecter',
  signingIn: 'Connexion…',
  sessionExpiredTitle: 'Votre session a expiré',
  sessionExpired:
    'Reconnectez-vous pour continuer : ce que vous avez saisi sur cette page est conservé, il vous suffira d’enregistrer à nouveau.',
  notFoundTitle: 'Page introuvable',
  notFound: 'Cette page n’existe pas.',
  backToDashboard: 'Revenir au tableau de bord',
  networkError: 'Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.',
  cancel: 'Annuler',
  confirm: 'Confirmer',
  close: 'Fermer',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  saved: 'Enregistré.',
  reason: 'Motif',
  reasonHint: 'Obligatoire : il est inscrit au journal du dossier.',
  errorsSummary: (count: number) => `${count} ${count > 1 ? 'erreurs empêchent' : 'erreur empêche'} l’enregistrement :`,
  unsavedChanges: 'Modifications non enregistrées',
  leaveWarning: 'Des modifications ne sont pas enregistrées. Quitter quand même ?',
  readOnly: 'Lecture seule : cette analyse ne se modifie qu’à son étape, par l’instructeur.',
  toComplete: 'À compléter avant de valider l’étape',
  stepComplete: 'Tout est renseigné : l’étape peut être validée.',
  add: 'Ajouter',
  remove: 'Supprimer',
  yes: 'Oui',
  no: 'Non',
  notSpecified: 'Non renseigné',
  none: 'Aucun',
  conflictTitle: 'Quelqu’un a modifié ces données entre-temps',
  conflictIntro: (version: number) =>
    `La version enregistrée est maintenant la version ${version}. Voici ce qui a changé depuis que vous avez ouvert la page :`,
  conflictKeep: 'Garder mes modifications (reportées sur la nouvelle version)',
  conflictDiscard: 'Abandonner ma saisie et recharger',
  conflictNoFieldChange: 'Aucun champ de cette page n’a changé (seule la version a avancé).',
  dossierConflict:
    'Le dossier a changé depuis que vous l’avez ouvert (version {current}). Rechargez-le : votre saisie dans cette fenêtre est conservée.',
  reloadDossier: 'Recharger le dossier',
  conditionsNotMet: 'Les conditions de cette action ne sont pas réunies :',
  actionsTitle: 'Actions possibles',
  noActions: 'Aucune action ne vous est ouverte à cette étape.',
  done: 'Action enregistrée.',
};

export const PLURALS = {
  dossier: ['dossier', 'dossiers'],
  result: ['résultat', 'résultats'],
  entry: ['entrée', 'entrées'],
  late: ['en retard', 'en retard'],
  member: ['membre', 'membres'],
  piece: ['pièce', 'pièces'],
  session: ['séance', 'séances'],
  vote: ['vote', 'votes'],
  stake: ['participation', 'participations'],
  share: ['part', 'parts'],
  payment: ['versement', 'versements'],
} as const;

/** A committee member's declaration of interests in the SCIC, in its three states, and what it allows. */
export const COMMITTEE_DECLARATION = {
  undeclared: 'pas encore de déclaration d’intérêts',
  noInterest: 'aucun intérêt déclaré',
  interest: (nature: string) => `intérêt déclaré (${nature}) — déporté`,
  declare: 'Déclarer mes intérêts',
  modify: 'Modifier ma déclaration',
  mineUndeclared: 'Vous n’avez pas encore déclaré vos intérêts dans cette SCIC : déclarez-les avant de voter.',
  mineNoInterest: 'Vous avez déclaré n’avoir aucun intérêt dans cette SCIC.',
  mineRecused: (nature: string) =>
    `Vous avez déclaré un intérêt dans cette SCIC (${nature}) : vous êtes déporté et ne prenez part ni à la composition, ni au vote sur ce dossier.`,
  myVote: (position: string) => `Votre vote enregistré : ${position}.`,
} as const;

/** Confirmations of the session's and the other pages' outward or irreversible actions (issue 18). */
export const ACTION_CONFIRMATIONS = {
  convocations: {
    title: 'Envoyer les convocations',
    text: 'Un courriel de convocation, avec l’ordre du jour, sera envoyé à chaque membre convoqué à cette séance. Un membre déjà convoqué recevra une nouvelle convocation.',
    confirm: 'Envoyer les convocations',
  },
  closeSession: {
    title: 'Clore la séance',
    text: 'Le procès-verbal sera généré et la séance sera figée : présences, ordre du jour et avis ne pourront plus être modifiés. Cette action est définitive.',
    confirm: 'Clore la séance',
  },
  revokeDelegation: {
    title: 'Révoquer la délégation',
    text: 'L’élu ne pourra plus signer au titre de cette délégation. Cette action est définitive.',
    confirm: 'Révoquer la délégation',
  },
  closeAdvance: {
    title: 'Clôturer l’avance',
    text: 'elle sera close comme remboursée. Cette clôture est définitive.',
    confirm: 'Clôturer l’avance',
  },
  reportLink: 'Note de synthèse (PDF)',
  resetFilters: 'Réinitialiser les filtres',
} as const;
