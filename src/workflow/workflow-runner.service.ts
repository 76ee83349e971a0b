/**
 * The transition protocol (DESIGN §5): one database transaction per event, in which the
 * dossier row is locked, the version and idempotency key checked, the caller's role and
 * the machine's guards applied, and the new state, the journal entry and the outbox rows
 * written together, or nothing at all.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { canonicalJson } from '../journal/hash-chain.js';
import { JournalService } from '../journal/journal.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { DossierCommand, DossierEventType, DossierFacts, FactName } from './dossier.events.js';
import { DOSSIER_MACHINE_VERSION, type DossierContext } from './dossier.machine.js';
import {
  EVENT_ROLES,
  STATE_LABELS,
  allowedEventsFor,
  decide,
  eventPermission,
  migrateSnapshot,
  revive,
  type Decision,
} from './dossier.workflow.js';
import { DossierLock, type LockedDossier } from '../dossiers/dossier-lock.js';
import { DossierStore } from '../dossiers/dossier-store.js';
import { roleHas } from '../access/permissions.js';
import { Outbox } from '../notifications/outbox.js';
import { EVENT_FACTS, FactsRegistry } from './facts.registry.js';
import { TransitionHooks } from './transition-hooks.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export interface EventRequest {
  dossierId: string;
  command: DossierCommand;
  actor: Actor;
  /** From `If-Match` or `expectedVersion`: the version the client last saw. */
  expectedVersion?: number;
  idempotencyKey?: string;
}

export interface TransitionResult {
  dossierId: string;
  event: DossierEventType;
  fromState: string;
  state: string;
  stateLabel: string;
  version: number;
  allowedEvents: DossierEventType[];
  journalSeq: number;
}

export interface EventResponse {
  result: TransitionResult;
  /** True when the answer is the stored one of an earlier request with the same key. */
  replayed: boolean;
}

type Accepted = Extract<Decision, { kind: 'accepted' }>;

/** What the steps after the decision need: the locked row, the decision and its inputs. */
interface DecidedTransition {
  locked: LockedDossier;
  decision: Accepted;
  facts: DossierFacts;
  now: Date;
  today: string;
}

@Injectable()
export class WorkflowRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossierLock: DossierLock,
    private readonly dossierStore: DossierStore,
    private readonly facts: FactsRegistry,
    private readonly hooks: TransitionHooks,
    private readonly journal: JournalService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(request: EventRequest): Promise<EventResponse> {
    const response = await this.dataSource.transaction('READ COMMITTED', (manager) =>
      this.sendWithin(manager, request),
    );
    // Once committed, a signature is checkpointed (issue 16).
    return response.result.event === 'SIGN' && !response.replayed
      ? this.journal.checkpointAfterSignature(response)
      : response;
  }

  /** The protocol, step by step; any refusal throws and the transaction rolls back. */
  private async sendWithin(manager: EntityManager, request: EventRequest): Promise<EventResponse> {
    authorise(request);
    const locked = await this.dossierLock.lock(manager, request.dossierId);
    // The key is checked before the version: a client retrying after a lost response
    // holds the old version, and must get the stored answer rather than a 412.
    const requestHash = requestHashOf(request);
    const replay = await replayIfKnown(manager, request, requestHash);
    if (replay) return replay;
    checkVersion(request, locked.version);

    const now = this.clock.now();
    const today = isoDateIn(now, this.config.timeZone);
    const { decision, facts } = await this.decideOrRefuse(manager, request, locked, today);
    const result = await this.record(manager, request, { locked, decision, facts, now, today });
    await rememberAnswer(manager, request, requestHash, result);
    return { result, replayed: false };
  }

  /** Gathers the facts the event needs and asks the machine; a refusal is thrown as its error. */
  private async decideOrRefuse(
    manager: EntityManager,
    { dossierId, command, actor }: EventRequest,
    locked: LockedDossier,
    today: string,
  ): Promise<{ decision: Accepted; facts: DossierFacts }> {
    const persisted = migrateSnapshot(locked.snapshot, locked.machineVersion);
    const snapshot = revive(persisted);
    const facts = await this.facts.gather({
      dossierId,
      command,
      actor,
      manager,
      today,
      machineContext: snapshot.context as DossierContext,
    });
    const decision = decide(persisted, command, facts);
    if (decision.kind === 'accepted') return { decision, facts };
    const allowedEvents = allowedEventsFor(snapshot, [actor.role]);
    switch (decision.kind) {
      case 'notAllowed':
        throw new DomainError(ErrorCode.DossierTransitionNotAllowed, {
          event: command.type,
          currentState: decision.currentState,
          allowedEvents,
        });
      case 'invalidCommand':
        throw new DomainError(ErrorCode.ValidationFailed, {
          fields: decision.problems.map((p) => ({ field: p.field, code: p.code, messages: [p.message] })),
        });
      case 'conditionsNotMet':
        throw new DomainError(ErrorCode.DossierTransitionConditionsNotMet, {
          event: command.type,
          currentState: decision.currentState,
          allowedEvents,
          problems: decision.problems,
        });
    }
  }

  /**
   * Writes the accepted transition: the new state, what the other modules do with it
   * (hooks), the journal entry, then the outbox rows that carry its side effects.
   */
  private async record(
    manager: EntityManager,
    { dossierId, command, actor }: EventRequest,
    { locked, decision, facts, now, today }: DecidedTransition,
  ): Promise<TransitionResult> {
    const { fromState, toState } = decision;
    const version = await this.dossierStore.writeTransition(manager, dossierId, {
      state: toState,
      snapshot: decision.snapshot,
      machineVersion: DOSSIER_MACHINE_VERSION,
      at: now,
      expectedVersion: locked.version,
    });
    const effects = await this.hooks.run({ dossierId, command, fromState, toState, actor, manager, now, today });
    const entry = await this.journal.append(
      manager,
      dossierId,
      {
        type: 'TRANSITION',
        actor,
        payload: {
          event: command as unknown as Record<string, unknown>,
          fromState,
          toState,
          machineVersion: DOSSIER_MACHINE_VERSION,
          facts: pick(facts, EVENT_FACTS[command.type]),
          ...(Object.keys(effects).length ? { effects } : {}),
        },
      },
      now,
    );
    await this.outbox.enqueue(
      manager,
      decision.outbox.map((topic) => ({
        dossierId,
        topic,
        payload: { event: command, toState, journalSeq: entry.seq, actor },
        availableAt: now,
      })),
    );
    return {
      dossierId,
      event: command.type,
      fromState,
      state: toState,
      stateLabel: STATE_LABELS[toState] ?? toState,
      version,
      allowedEvents: allowedEventsFor(revive(decision.snapshot), [actor.role]),
      journalSeq: entry.seq,
    };
  }
}

/** The "who" of the event: a role that may not send it is refused before anything is read. */
function authorise({ command, actor }: EventRequest): void {
  if (roleHas(actor.role, eventPermission(command.type))) return;
  throw new DomainError(ErrorCode.Forbidden, {
    event: command.type,
    role: actor.role,
    allowedRoles: EVENT_ROLES[command.type],
  });
}

/** A key answers the same caller sending the same command, no one else. */
function requestHashOf({ actor, command }: EventRequest): string {
  return createHash('sha256')
    .update(canonicalJson({ userId: actor.userId, command }))
    .digest('hex');
}

/** The stored answer when this idempotency key was already used for the same request. */
async function replayIfKnown(
  manager: EntityManager,
  { dossierId, idempotencyKey }: EventRequest,
  requestHash: string,
): Promise<EventResponse | undefined> {
  if (!idempotencyKey) return undefined;
  const stored = await manager.findOneBy(IdempotencyRecord, { dossierId, key: idempotencyKey });
  if (!stored) return undefined;
  if (stored.requestHash !== requestHash) {
    throw new DomainError(ErrorCode.IdempotencyKeyReused, { idempotencyKey });
  }
  return { result: stored.responseBody as unknown as TransitionResult, replayed: true };
}

/** Optimistic concurrency: the client acts on the version it last saw, or is told 412. */
function checkVersion({ expectedVersion }: EventRequest, currentVersion: number): void {
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new DomainError(ErrorCode.DossierVersionMismatch, { expectedVersion, currentVersion });
  }
}

/** Keeps the answer under the idempotency key, so that a retry gets it again. */
async function rememberAnswer(
  manager: EntityManager,
  { dossierId, idempotencyKey }: EventRequest,
  requestHash: string,
  result: TransitionResult,
): Promise<void> {
  if (!idempotencyKey) return;
  await manager.insert(IdempotencyRecord, {
    dossierId,
    key: idempotencyKey,
    requestHash,
    statusCode: 200,
    responseBody: { ...result },
  });
}

function pick(facts: Record<FactName, unknown>, names: readonly FactName[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, facts[name]]));
}
