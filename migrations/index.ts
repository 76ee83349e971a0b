/**
 * Every migration, in order. Listed explicitly (not globbed) so that the application,
 * the CLI and the tests load the same classes whether from TypeScript or compiled code.
 * A test checks that every file of this folder is listed.
 */
import { InitialSchema1795423757637 } from './1795423757637-InitialSchema.js';
import { Identity1795425624325 } from './1795425624325-Identity.js';
import { OutboxNotificationsDeadlines1795427198745 } from './1795427198745-OutboxNotificationsDeadlines.js';
import { DossierDocuments1795437473701 } from './1795437473701-DossierDocuments.js';
import { AnalysesReferentials1795437799652 } from './1795437799652-AnalysesReferentials.js';
import { CommitteeSessions1795439484223 } from './1795439484223-CommitteeSessions.js';
import { BudgetEnvelopes1795442507550 } from './1795442507550-BudgetEnvelopes.js';
import { Decisions1795450887335 } from './1795450887335-Decisions.js';
import { Participation1795452322814 } from './1795452322814-Participation.js';
import { AdminJournal1795460000000 } from './1795460000000-AdminJournal.js';
import { Reauthentication1795462000000 } from './1795462000000-Reauthentication.js';
import { SeparationOfDuties1795461000000 } from './1795461000000-SeparationOfDuties.js';
import { JournalCheckpoints1795463000000 } from './1795463000000-JournalCheckpoints.js';
import { OpinionVoteTally1795464000000 } from './1795464000000-OpinionVoteTally.js';
import { DeliberationNumberNormalized1795464100000 } from './1795464100000-DeliberationNumberNormalized.js';
import { InterestDeclarationsPerScic1795464200000 } from './1795464200000-InterestDeclarationsPerScic.js';
import { ReservesPerTheText1795465000000 } from './1795465000000-ReservesPerTheText.js';
import { ShareholderAdvances1795465100000 } from './1795465100000-ShareholderAdvances.js';
import { AmountGate1795466000000 } from './1795466000000-AmountGate.js';
import { PaymentDecision1795466100000 } from './1795466100000-PaymentDecision.js';
import { ReadModels1795467000000 } from './1795467000000-ReadModels.js';
import { CommitteeReadModels1795467100000 } from './1795467100000-CommitteeReadModels.js';
import { MoneyReadModels1795467200000 } from './1795467200000-MoneyReadModels.js';

export const ALL_MIGRATIONS: Function[] = [
  InitialSchema1795423757637,
  Identity1795425624325,
  OutboxNotificationsDeadlines1795427198745,
  DossierDocuments1795437473701,
  AnalysesReferentials1795437799652,
  CommitteeSessions1795439484223,
  BudgetEnvelopes1795442507550,
  Decisions1795450887335,
  Participation1795452322814,
  AdminJournal1795460000000,
  SeparationOfDuties1795461000000,
  Reauthentication1795462000000,
  JournalCheckpoints1795463000000,
  OpinionVoteTally1795464000000,
  DeliberationNumberNormalized1795464100000,
  InterestDeclarationsPerScic1795464200000,
  ReservesPerTheText1795465000000,
  ShareholderAdvances1795465100000,
  AmountGate1795466000000,
  PaymentDecision1795466100000,
  ReadModels1795467000000,
  CommitteeReadModels1795467100000,
  MoneyReadModels1795467200000,
];
