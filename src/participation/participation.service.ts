/**
 * After an approval: the subscription form, the date the decision became executory, and
 * the payments, none before the decision is signed and executory (DOMAIN rule 12). Each
 * write locks the dossier row, checks, writes and journals in one transaction.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { formatEuros, formatFrenchDate } from '../common/french-format.js';
import { validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { JournalService } from '../journal/journal.service.js';
import type { PaymentDto, SubscriptionDto } from './dto/participation.dto.js';
import { Participation } from './participation.entity.js';
import { Payment } from './payment.entity.js';
import { dossierStake, listStakes, type Stake } from './stakes.js';

function refused(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.ParticipationRefused, { reason, ...details }, message);
}

@Injectable()
export class ParticipationService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly journal: JournalService,
    private readonly dossierLock: DossierLock,
  ) {}

  /** The stakes of the dossiers the caller sees. */
  portfolio(actor: Actor): Promise<Stake[]> {
    return listStakes(this.dataSource.manager, this.config.timeZone, {
      visible: this.visibility.condition(actor, 'x'),
    });
  }

  async view(dossierId: string) {
    const [stake] = await listStakes(this.dataSource.manager, this.config.timeZone, { dossierId });
    const payments = await this.dataSource.manager.find(Payment, { where: { dossierId }, order: { paidOn: 'ASC' } });
    return {
      stake: stake ?? null,
      payments: payments.map((payment) => ({
        id: payment.id,
        amountCents: payment.amountCents,
        paidOn: payment.paidOn,
        reference: payment.reference,
        recordedAt: payment.recordedAt.toISOString(),
        recordedBy: payment.recordedBy,
        decisionId: payment.decisionId,
      })),
    };
  }

  async recordSubscription(dossierId: string, input: SubscriptionDto, actor: Actor) {
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const { stake } = await this.signedStake(manager, dossierId, 'SUBSCRIPTION_BEFORE_SIGNATURE');
      const fields = [
        ...notBefore('signedOn', input.signedOn, stake.decidedOn, 'La souscription'),
        ...notBefore('executoryOn', input.executoryOn, stake.decidedOn, 'Le caractère exécutoire'),
        ...notAfterToday('signedOn', input.signedOn, today),
        ...notAfterToday('executoryOn', input.executoryOn, today),
      ];
      if (fields.length) throw validationFailed(fields);
      // A subscription belongs to the decision in force: a signed correction gets its own,
      // the one of the decision it replaced stays on record. Once payments are recorded
      // under a subscription, it no longer changes.
      const existing = await manager.findOneBy(Participation, { decisionId: stake.decisionId });
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM participation_payment WHERE dossier_id = $1',
        [dossierId],
      );
      if (existing && count > 0) {
        throw refused('PAYMENTS_RECORDED', 'Des versements sont enregistrés : la souscription ne se modifie plus.');
      }
      await manager.query(
        `INSERT INTO participation (dossier_id, decision_id, subscribed_shares, subscribed_amount_cents, decided_on,
                                    subscription_signed_on, executory_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (decision_id) DO UPDATE SET subscription_signed_on = $6, executory_on = $7,
                                                 version = participation.version + 1`,
        [
          dossierId,
          stake.decisionId,
          stake.shares,
          stake.subscribedAmountCents,
          stake.decidedOn,
          input.signedOn,
          input.executoryOn,
        ],
      );
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'SUBSCRIPTION_RECORDED',
          actor,
          payload: { decisionId: stake.decisionId, signedOn: input.signedOn, executoryOn: input.executoryOn },
        },
        this.clock.now(),
      );
      return {
        ...(await manager.findOneByOrFail(Participation, { decisionId: stake.decisionId })),
        journalSeq: entry.seq,
      };
    });
  }

  async recordPayment(dossierId: string, input: PaymentDto, actor: Actor) {
    const fields = notAfterToday('paidOn', input.paidOn, this.today());
    if (fields.length) throw validationFailed(fields);
    return this.dataSource.transaction(async (manager) => {
      const { stake, correction } = await this.signedStake(manager, dossierId, 'PAYMENT_BEFORE_SIGNATURE');
      // Payments follow the decision in force: after a signed correction, nothing more is
      // paid before its own subscription and its own executory date (rule 12).
      const participation = await manager.findOneBy(Participation, { decisionId: stake.decisionId });
      assertPayableOn(input.paidOn, participation, stake, correction);
      const remaining = stake.subscribedAmountCents - stake.paidAmountCents;
      assertWithinRemaining(input.amountCents, remaining);
      const reference = input.reference.trim();
      const duplicate = await manager.findOneBy(Payment, { dossierId, reference });
      if (duplicate) throw refused('DUPLICATE_REFERENCE', `Le versement « ${reference} » est déjà enregistré.`);
      const { journalSeq, ...recorded } = await this.insertPayment(
        manager,
        dossierId,
        stake.decisionId,
        { ...input, reference },
        actor,
      );
      return {
        ...recorded,
        paidAmountCents: stake.paidAmountCents + input.amountCents,
        remainingCents: remaining - input.amountCents,
        journalSeq,
      };
    });
  }

  /** Writes the checked payment and journals it, in the caller's transaction. */
  private async insertPayment(
    manager: EntityManager,
    dossierId: string,
    decisionId: string,
    input: PaymentDto,
    actor: Actor,
  ) {
    const now = this.clock.now();
    const payment = {
      dossierId,
      decisionId,
      amountCents: input.amountCents,
      paidOn: input.paidOn,
      reference: input.reference,
      recordedAt: now,
      recordedBy: actor.userId,
    };
    const inserted = await manager.insert(Payment, payment);
    const entry = await this.journal.append(
      manager,
      dossierId,
      {
        type: 'PAYMENT_RECORDED',
        actor,
        payload: { amountCents: input.amountCents, paidOn: input.paidOn, reference: input.reference },
      },
      now,
    );
    return {
      id: inserted.identifiers[0].id as string,
      ...payment,
      recordedAt: now.toISOString(),
      journalSeq: entry.seq,
    };
  }

  /**
   * The dossier's stake (and whether its decision in force is a correction), under a lock
   * on the dossier; refused while no approval is signed.
   */
  private async signedStake(
    manager: EntityManager,
    dossierId: string,
    reason: string,
  ): Promise<{ stake: Stake; correction: boolean }> {
    await this.dossierLock.lock(manager, dossierId);
    const stake = await dossierStake(manager, this.config.timeZone, dossierId);
    if (!stake) {
      throw refused(
        reason,
        'Aucune décision d’approbation n’est signée pour ce dossier : rien à souscrire ni à verser.',
      );
    }
    return stake;
  }

  private today(): string {
    return isoDateIn(this.clock.now(), this.config.timeZone);
  }
}

function notBefore(field: string, date: string, decidedOn: string, label: string) {
  return date < decidedOn
    ? [{ field, messages: [`${label} ne peut précéder la signature de la décision (${formatFrenchDate(decidedOn)}).`] }]
    : [];
}

function notAfterToday(field: string, date: string, today: string) {
  return date > today ? [{ field, messages: ['La date ne peut pas être postérieure à aujourd’hui.'] }] : [];
}

/**
 * Rule 12, in this order: the subscription of the decision in force is signed, the
 * decision is executory on the payment date, and the payment does not precede the signature.
 */
function assertPayableOn(
  paidOn: string,
  participation: Participation | null,
  stake: Stake,
  correction: boolean,
): asserts participation is Participation {
  if (!participation?.subscriptionSignedOn) {
    throw refused(
      'SUBSCRIPTION_NOT_SIGNED',
      stake.deliberationNumber && correction
        ? `La décision corrective n° ${stake.deliberationNumber} est en vigueur : enregistrez sa souscription et la date à laquelle elle est exécutoire avant tout versement.`
        : 'Le bulletin de souscription n’est pas encore signé.',
    );
  }
  if (!participation.executoryOn || paidOn < participation.executoryOn) {
    throw refused(
      'DECISION_NOT_EXECUTORY',
      participation.executoryOn
        ? `La décision n’est exécutoire que depuis le ${formatFrenchDate(participation.executoryOn)} : aucun versement avant.`
        : 'La décision n’est pas encore exécutoire : aucun versement avant sa transmission au contrôle de légalité.',
      { executoryOn: participation.executoryOn },
    );
  }
  if (paidOn < participation.subscriptionSignedOn) {
    throw refused(
      'PAYMENT_BEFORE_SUBSCRIPTION',
      `Le bulletin de souscription n’est signé que depuis le ${formatFrenchDate(participation.subscriptionSignedOn)} : aucun versement avant.`,
      { subscriptionSignedOn: participation.subscriptionSignedOn },
    );
  }
}

/** Nothing is paid beyond what the subscription leaves to pay. */
function assertWithinRemaining(amountCents: number, remaining: number) {
  if (amountCents > remaining) {
    throw refused(
      'ABOVE_SUBSCRIBED',
      `Le versement (${formatEuros(amountCents)}) dépasse le reste à verser (${formatEuros(remaining)}).`,
      { remainingCents: remaining },
    );
  }
}
