/**
 * One permission per action and the roles that hold it: authorization is reviewed here
 * and nowhere else. Workflow events are further restricted per event by EVENT_ROLES
 * (the "who" column of DESIGN §4), checked by the workflow runner.
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
}

export const PERMISSION_ROLES: { readonly [permission in Permission]: readonly Role[] } = {
  [Permission.DossierCreate]: ['instructor'],
  [Permission.DossierRead]: ROLES,
  [Permission.DossierEventSend]: ['instructor', 'committee_secretary', 'elected_official'],
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
};

export function roleHas(role: Role, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].includes(role);
}
