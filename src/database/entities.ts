/** Every entity, for the application and the TypeORM CLI alike. */
import { ActivityAnalysis } from '../analyses/activity-analysis.entity.js';
import { EconomicAnalysis } from '../analyses/economic-analysis.entity.js';
import { EssPracticesAnalysis } from '../analyses/ess-practices-analysis.entity.js';
import { CommitteeSeat } from '../committee/members/committee-seat.entity.js';
import { CommitteeOpinion } from '../committee/opinions/committee-opinion.entity.js';
import { InterestDeclaration } from '../committee/opinions/interest-declaration.entity.js';
import { Vote } from '../committee/opinions/vote.entity.js';
import { AgendaItem } from '../committee/sessions/agenda-item.entity.js';
import { Attendance } from '../committee/sessions/attendance.entity.js';
import { CommitteeSession } from '../committee/sessions/committee-session.entity.js';
import { Convocation } from '../committee/sessions/convocation.entity.js';
import { DecisionDocument } from '../decisions/decision-document.entity.js';
import { Decision } from '../decisions/decision.entity.js';
import { SignatoryDeclaration } from '../decisions/signatory-declaration.entity.js';
import { DossierDeadline } from '../deadlines/dossier-deadline.entity.js';
import { DocumentType } from '../documents/document-type.entity.js';
import { DossierDocument } from '../documents/dossier-document.entity.js';
import { DossierReferenceCounter } from '../dossiers/dossier-reference-counter.entity.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { Scic } from '../dossiers/scic.entity.js';
import { AuthCredential } from '../identity/auth-credential.entity.js';
import { LoginFailure } from '../identity/login-failure.entity.js';
import { SigningDelegation } from '../identity/signing-delegation.entity.js';
import { UserRole } from '../identity/user-role.entity.js';
import { User } from '../identity/user.entity.js';
import { AdminJournalEntry } from '../journal/admin-journal-entry.entity.js';
import { JournalCheckpoint, JournalCheckpointHead } from '../journal/journal-checkpoint.entity.js';
import { JournalEntry } from '../journal/journal-entry.entity.js';
import { Participation } from '../participation/participation.entity.js';
import { ShareholderAdvance } from '../advances/shareholder-advance.entity.js';
import { Payment } from '../participation/payment.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { BudgetEnvelope } from '../referentials/budget-envelope.entity.js';
import { DepartmentalService } from '../referentials/departmental-service.entity.js';
import { PolicyOrientation } from '../referentials/policy-orientation.entity.js';
import { Threshold } from '../referentials/threshold.entity.js';
import { TransformationMarker } from '../referentials/transformation-marker.entity.js';
import { IdempotencyRecord } from '../workflow/idempotency-record.entity.js';
import { OutboxMessage } from '../notifications/outbox-message.entity.js';

export const ALL_ENTITIES = [
  Scic,
  Dossier,
  DossierReferenceCounter,
  JournalEntry,
  JournalCheckpoint,
  JournalCheckpointHead,
  AdminJournalEntry,
  IdempotencyRecord,
  OutboxMessage,
  User,
  UserRole,
  SigningDelegation,
  AuthCredential,
  LoginFailure,
  Notification,
  DossierDeadline,
  DepartmentalService,
  PolicyOrientation,
  TransformationMarker,
  Threshold,
  BudgetEnvelope,
  Decision,
  DecisionDocument,
  SignatoryDeclaration,
  Participation,
  Payment,
  ShareholderAdvance,
  ActivityAnalysis,
  EssPracticesAnalysis,
  EconomicAnalysis,
  DocumentType,
  DossierDocument,
  CommitteeSeat,
  CommitteeSession,
  AgendaItem,
  Convocation,
  Attendance,
  InterestDeclaration,
  Vote,
  CommitteeOpinion,
];
