/**
 * One permission per action and the roles that hold it: authorization is reviewed here
 * and nowhere else. Each workflow event is an action of its own, `event.<TYPE>` (the
 * "who" column of DESIGN §4), checked by the workflow runner after the route's
 * `dossier.event.send`. The interface reads the caller's permissions from `GET /auth/me`.
 */
import { ROLES, type Role } from '../common/actor.js';

export enum Permission {
  DossierCreate = 'dossier.create',
  DossierRead = 'dossier.read',
  DossierEventSend = 'dossier.event.send',
  JournalRead = 'journal.read',
  /** One's own session, role and API tokens. */
  OwnAccount = 'account.own',
  UserManage = 'user.manage',
  /** Read the referentials (orientations, services, markers, thresholds). */
  ReferentialRead = 'referential.read',
  /** Edit the referentials. */
  ReferentialManage = 'referential.manage',
  /** Save a dossier's instruction analyses (steps 1–3). */
  AnalysisWrite = 'analysis.write',
  /** The outbox of side effects: failed deliveries and their retry. */
  OutboxManage = 'outbox.manage',
  /** Attach a piece (or a new version of one) to a dossier. */
  DocumentUpload = 'document.upload',
  /** List a dossier's pieces and download them (within the dossier's visibility). */
  DocumentRead = 'document.read',
  /** Mark a piece as replaced, with a reason (nothing is deleted). */
  DocumentMarkReplaced = 'document.markReplaced',
  /** The referential of document types and the steps that require them. */
  DocumentTypeRead = 'documentType.read',
  /** The committee: members and seats, sessions, agendas, attendance, compositions, declarations, votes, opinions, minutes (within visibility). */
  CommitteeRead = 'committee.read',
  /** Give or end a member's seat on the committee. */
  CommitteeMemberManage = 'committee.member.manage',
  /** Create and edit sessions, send convocations, move a dossier to a later session. */
  CommitteeSessionManage = 'committee.session.manage',
  /** Record attendance at a session and close it (its minutes are generated then). */
  CommitteeSessionConduct = 'committee.session.conduct',
  /** Record one's own interest declaration and vote on a dossier (a member acts only for themself). */
  CommitteeMemberAct = 'committee.member.act',
  /** The note de synthèse of a dossier (within the dossier's visibility). */
  ReportRead = 'report.read',
  /** A dossier's decisions, signatory declarations and signed document (within visibility). */
  DecisionRead = 'decision.read',
  /** Record one's own declaration of interests as a signatory (an élu acts only for themself). */
  DecisionDeclare = 'decision.declare',
  /** Record a correction of a signed decision (a new decision, signed in turn). */
  DecisionCorrect = 'decision.correct',
  /** Whether a document hash was issued by the application. */
  DocumentVerify = 'document.verify',
  /** Record the subscription form and the payments of an approved stake. */
  ParticipationManage = 'participation.manage',
  /** The stakes held (portfolio) and a dossier's participation. */
  ParticipationRead = 'participation.read',
  /** CSV and XLSX exports of the dossiers and of the portfolio. */
  ExportRead = 'export.read',
  /** The administration journal (account acts, referential, threshold and envelope changes): read, verify, export. */
  AdminJournalRead = 'adminJournal.read',
  /** Verify every journal against the signed checkpoints (what `npm run journal:verify` does). */
  JournalAudit = 'journal.audit',

  // The workflow's events, one permission each (the workflow names them `event.<TYPE>`).
  EventSubmit = 'event.SUBMIT',
  EventCompleteActivity = 'event.COMPLETE_ACTIVITY',
  EventCompleteEssPractices = 'event.COMPLETE_ESS_PRACTICES',
  EventCompleteEconomic = 'event.COMPLETE_ECONOMIC',
  EventSendBack = 'event.SEND_BACK',
  EventRequestComplements = 'event.REQUEST_COMPLEMENTS',
  EventReceiveComplements = 'event.RECEIVE_COMPLEMENTS',
  EventScheduleCommittee = 'event.SCHEDULE_COMMITTEE',
  EventRecordOpinion = 'event.RECORD_OPINION',
  EventRecordDecision = 'event.RECORD_DECISION',
  EventSign = 'event.SIGN',
  EventWithdraw = 'event.WITHDRAW',
  EventClose = 'event.CLOSE',
}

type EventPermission = Extract<Permission, `event.${string}`>;

/** Who sends each workflow event: the Mission ESS instructs, the secretary records the opinion, an élu decides and signs. */
const EVENT_PERMISSION_ROLES: { readonly [permission in EventPermission]: readonly Role[] } = {
  [Permission.EventSubmit]: ['instructor'],
  [Permission.EventCompleteActivity]: ['instructor'],
  [Permission.EventCompleteEssPractices]: ['instructor'],
  [Permission.EventCompleteEconomic]: ['instructor'],
  [Permission.EventSendBack]: ['instructor'],
  [Permission.EventRequestComplements]: ['instructor'],
  [Permission.EventReceiveComplements]: ['instructor'],
  [Permission.EventScheduleCommittee]: ['instructor'],
  [Permission.EventRecordOpinion]: ['committee_secretary'],
  [Permission.EventRecordDecision]: ['elected_official'],
  [Permission.EventSign]: ['elected_official'],
  [Permission.EventWithdraw]: ['instructor'],
  [Permission.EventClose]: ['instructor'],
};

/** The route that takes the events is open to whoever may send at least one of them. */
const EVENT_SENDERS: readonly Role[] = ROLES.filter((role) =>
  Object.values(EVENT_PERMISSION_ROLES).some((roles) => roles.includes(role)),
);

export const PERMISSION_ROLES: { readonly [permission in Permission]: readonly Role[] } = {
  [Permission.DossierCreate]: ['instructor'],
  [Permission.DossierRead]: ROLES,
  [Permission.DossierEventSend]: EVENT_SENDERS,
  [Permission.JournalRead]: ROLES,
  [Permission.OwnAccount]: ROLES,
  [Permission.UserManage]: ['admin'],
  [Permission.ReferentialRead]: ROLES,
  [Permission.ReferentialManage]: ['admin'],
  [Permission.AnalysisWrite]: ['instructor'],
  [Permission.OutboxManage]: ['admin'],
  [Permission.DocumentUpload]: ['instructor'],
  [Permission.DocumentRead]: ROLES,
  [Permission.DocumentMarkReplaced]: ['instructor'],
  [Permission.DocumentTypeRead]: ROLES,
  [Permission.CommitteeRead]: ROLES,
  [Permission.CommitteeMemberManage]: ['admin'],
  // The Mission ESS prepares the committee (it schedules dossiers: SCHEDULE_COMMITTEE is
  // the instructor's) and the secretary runs it: both keep sessions and agendas.
  [Permission.CommitteeSessionManage]: ['instructor', 'committee_secretary'],
  [Permission.CommitteeSessionConduct]: ['committee_secretary'],
  [Permission.CommitteeMemberAct]: ['committee_member'],
  // One rule for what a role reads of a dossier (issue 16): the note de synthèse is made of
  // the analyses, amount check, opinion and decision that every role, the viewer included,
  // reads within the dossier's visibility — so every role reads the note as well. Refusing
  // it alone would protect nothing the parts do not already show.
  [Permission.ReportRead]: ROLES,
  [Permission.DecisionRead]: ROLES,
  [Permission.DecisionDeclare]: ['elected_official'],
  [Permission.DecisionCorrect]: ['elected_official'],
  [Permission.DocumentVerify]: ROLES,
  // The Mission ESS follows the stake after the decision (subscription form, payments).
  [Permission.ParticipationManage]: ['instructor'],
  [Permission.ParticipationRead]: ROLES,
  // Lists of dossiers and amounts for the services' own tables; not for committee members,
  // who see only the dossiers of their sessions.
  [Permission.ExportRead]: ['instructor', 'elected_official', 'admin', 'viewer'],
  [Permission.AdminJournalRead]: ['admin'],
  [Permission.JournalAudit]: ['admin'],
  ...EVENT_PERMISSION_ROLES,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].includes(role);
}

/** Every permission the role holds, in the map's order (what `GET /auth/me` tells the interface). */
export function permissionsOf(role: Role): Permission[] {
  return Object.values(Permission).filter((permission) => roleHas(role, permission));
}
