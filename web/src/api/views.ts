/**
 * Shapes of the API's answers that the OpenAPI document does not describe yet (its
 * operations declare request bodies, not response bodies): only the fields the
 * interface reads. Request bodies come from the generated `openapi.d.ts`.
 */
import type { components } from './openapi';

export type Schemas = components['schemas'];
export type EventType = Schemas['EventBaseDto']['type'];
export type Role = NonNullable<Schemas['LoginDto']['role']>;
/** A permission of the API's map (`src/access/permissions.ts`), workflow events included. */
export type Permission = Schemas['Permission'];

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  roles: { role: Role }[];
  /** The password was reset by an administrator: it must be replaced before anything else. */
  mustChangePassword: boolean;
  /** Elected officials: the signing delegation in force today, if any. */
  signingDelegation: Delegation | null;
}

export type DelegationScope = 'ALL' | 'COMMISSION_PERMANENTE' | 'CONSEIL_DEPARTEMENTAL';

/** A signing delegation: recorded by one administrator, in force once another confirms it. */
export interface Delegation {
  id: string;
  userId: string;
  arreteReference: string;
  arreteDate: string;
  scope: DelegationScope;
  startsOn: string;
  endsOn: string | null;
  createdBy: string;
  confirmedBy: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  status: 'AWAITING_CONFIRMATION' | 'UPCOMING' | 'IN_FORCE' | 'ENDED' | 'REVOKED';
  inForce: boolean;
}

export interface Me {
  user: UserView;
  role: Role;
  credential: string;
  /** What the role acts under may do, as the API's permission map says. */
  permissions: Permission[];
}

export interface LoginAnswer {
  user: UserView;
  role: Role;
  csrfToken: string;
  expiresAt: string;
}

export interface DossierSummary {
  id: string;
  reference: string;
  scic: { id: string; siren: string; name: string; legalForm: string; commune: string };
  requestedAmountCents: number;
  nominalShareValueCents: number;
  requestedShares: number;
  state: string;
  stateLabel: string;
  version: number;
  contactEmail: string | null;
  dueDate: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Dossier extends DossierSummary {
  allowedEvents: EventType[];
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface OverviewItem {
  state: string;
  stateLabel: string;
  total: number;
  overdue: number;
}

export interface Problem {
  field: string;
  code: string;
  message: string;
}

export interface JournalEntry {
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface JournalVerification {
  valid: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  /** What the verification found: the chain, the dossier's version and state, its last checkpoint. */
  problems: { code: string; seq?: number; message: string }[];
}

export interface AnalysisView<T> {
  dossierId: string;
  step: string;
  version: number;
  writable: boolean;
  data: T;
  complete: boolean;
  problems: Problem[];
  updatedAt: string | null;
}

export interface ComplianceCheck {
  code: string;
  kind: 'LEGAL' | 'PRACTICE';
  passed: boolean;
  message: string;
}

export interface RatioView {
  year: number;
  kind: string;
  [key: string]: unknown;
}

export interface EconomicView extends AnalysisView<Schemas['EconomicAnalysisDto']> {
  ratios: RatioView[];
  planTotals: { usesCents: number; resourcesCents: number; differenceCents: number; balanced: boolean };
}

export interface AmountCheck {
  amountCents: number;
  shares: number | null;
  wholeShares: boolean;
  publicShareAfterBasisPoints: number | null;
  publicCapRespected: boolean | null;
  withinRequested: boolean;
  /** The département's total in the SCIC after this amount (its other dossiers included). */
  scicTotalAfterCents: number;
  withinCeiling: boolean;
  withinEnvelope: boolean | null;
  position: {
    stakesInForceCents: number;
    pendingCents: number;
    dossiers: { reference: string; status: 'IN_FORCE' | 'DECIDED' | 'PROPOSED'; amountCents: number }[];
  };
  problems: Problem[];
}

export interface DocumentView {
  id: string;
  type: string;
  typeLabel: string;
  version: number;
  superseded: boolean;
  replaced: { reason: string } | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface DocumentList {
  items: DocumentView[];
  checklist: { step: string; type: string; label: string; present: boolean; documentId: string | null }[];
}

export interface DocumentType {
  code: string;
  label: string;
  requiredStep: string | null;
}

export interface Orientation {
  code: string;
  label: string;
  competenceCode: string;
  competenceLabel: string;
  serviceCodes: string[];
  active: boolean;
}

export interface Marker {
  code: string;
  label: string;
  description: string;
  levels: { level: number; label: string; example: string }[];
}

export interface Threshold {
  code: string;
  label: string;
  unit: string;
  value: number;
  source: string;
}

export interface Service {
  code: string;
  label: string;
  active: boolean;
}

export interface Envelope {
  year: number;
  amountCents: number;
  programmeReference: string;
  committedCents: number;
  remainingCents: number;
}

export interface SessionView {
  id: string;
  sessionDate: string;
  startTime: string | null;
  place: string | null;
  videoLink: string | null;
  /** Who chairs: their vote settles a tie (DOMAIN rule 7). */
  chair?: { userId: string; displayName: string } | null;
  status: string;
  agenda?: AgendaItem[];
}

export interface AgendaItem {
  dossierId: string;
  reference?: string;
  scicName?: string;
  status: string;
  position?: number;
  [key: string]: unknown;
}

export interface MemberView {
  userId: string;
  displayName: string;
  email: string;
  seats: { id: string; seatCategory: string; seatLabel: string; serviceLabel: string | null; active: boolean }[];
}

export interface DecisionProposalView {
  opinion: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  committeeDate: string;
}

export interface DecisionView {
  id: string;
  outcome: string;
  body: string;
  delegationReference: string | null;
  sessionDate: string;
  deliberationNumber: string;
  amountCents: number | null;
  shares: number | null;
  justification: string | null;
  recusedElectedOfficials: { name: string; userId?: string }[];
  proposal: DecisionProposalView | null;
  envelopeYear: number;
  programmeReference: string | null;
  recordedAt: string;
  signed: boolean;
  signedAt: string | null;
  signedBy: string | null;
  signatoryName: string | null;
  documentSha256: string | null;
  documentUrl: string | null;
  /** A correction: the decision it replaces once signed, and why (DOMAIN rule 13). */
  supersedesId: string | null;
  correctionReason: string | null;
}

/** An élu's declaration in force for the dossier's SCIC (every dossier of its SIREN). */
export interface SignatoryDeclarationView {
  userId: string;
  hasInterest: boolean;
  nature: string | null;
  natureLabel: string | null;
  details: string | null;
  /** Why an interest declared earlier was withdrawn. */
  withdrawalReason: string | null;
  declaredAt: string;
  /** The dossier of the SCIC the declaration was made through. */
  declaredThrough: string | null;
}

/** The sitting members' votes on a dossier and the direction they give (DOMAIN rule 7). */
export interface VoteTally {
  for: number;
  against: number;
  abstention: number;
  chair: { userId: string; displayName: string; position: string } | null;
  chairCastingVote: boolean;
  direction: 'FAVOURABLE' | 'UNFAVOURABLE' | 'ADJOURNED';
}

/** GET /dossiers/:id/decision. */
export interface DecisionOverview {
  /** The decision in force (the last signed one no signed correction replaced), else the last recorded. */
  current: DecisionView | null;
  /** A correction of the decision in force, recorded and awaiting its signature. */
  pendingCorrection: DecisionView | null;
  history: DecisionView[];
  declarations: SignatoryDeclarationView[];
  envelope: Envelope | null;
}

export interface OpinionView {
  sessionId: string;
  sessionDate: string;
  opinion: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  /** The sitting members' votes when it was recorded (null: nobody voted). */
  voteTally?: VoteTally | null;
  recordedAt: string;
}

/** GET /documents/verify?sha256=. */
export type DocumentVerification =
  | { issued: false; sha256: string }
  | {
      issued: true;
      sha256: string;
      kind: 'DECISION' | 'COMMITTEE_MINUTES';
      dossierId?: string;
      dossierReference?: string;
      deliberationNumber?: string;
      sessionId?: string;
      issuedAt: string;
    };

/** GET /portfolio (one per signed approval in force) and the `stake` of GET /dossiers/:id/participation. */
export interface Stake {
  dossierId: string;
  reference: string;
  scicName: string;
  siren: string;
  commune: string;
  deliberationNumber: string;
  decidedOn: string;
  shares: number;
  subscribedAmountCents: number;
  paidAmountCents: number;
  /** After subscription, in basis points; null when the cap table is unknown. */
  shareOfCapitalBasisPoints: number | null;
  subscriptionSignedOn: string | null;
  executoryOn: string | null;
}

export interface PaymentView {
  id: string;
  amountCents: number;
  paidOn: string;
  reference: string;
  recordedAt: string;
  recordedBy: string;
}

/** GET /dossiers/:id/participation. */
export interface ParticipationView {
  stake: Stake | null;
  payments: PaymentView[];
}
