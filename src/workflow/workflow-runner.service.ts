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
import type { DossierCommand, DossierEventType, FactName } from './dossier.events.js';
import { DOSSIER_MACHINE_VERSION, type DossierContext } from './dossier.machine.js';
import {
  EVENT_ROLES,
  STATE_LABELS,
  allowedEventsFor,
  decide,
  migrateSnapshot,
  revive,
  type PersistedSnapshot,
} from './dossier.workflow.js';
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

interface LockedDossier {
  id: string;
  state: string;
  machine_version: number;
  snapshot: PersistedSnapshot;
  version: number;
}

const LOCK_DOSSIER_ROW_SQL =
  'SELECT id, state, machine_version, snapshot, version FROM dossier WHERE id = $1 FOR UPDATE';
const LOCK_TIMEOUT = '5s';

@Injectable()
export class WorkflowRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  private async sendWithin(manager: EntityManager, request: EventRequest): Promise<EventResponse> {
    const { dossierId, command, actor } = request;
    if (!EVENT_ROLES[command.type].includes(actor.role)) {
      throw new DomainError(ErrorCode.Forbidden, {
        event: command.type,
        role: actor.role,
        allowedRoles: EVENT_ROLES[command.type],
      });
    }

    // Wait for the row lock a bounded time: a queue of requests on one dossier must not
    // hold every pooled connection. A timeout is answered 409 CONCURRENT_UPDATE.
    await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const [row] = await manager.query<LockedDossier[]>(LOCK_DOSSIER_ROW_SQL, [dossierId]);
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });

    // The key is checked before the version: a client retrying after a lost response
    // holds the old version, and must get the stored answer rather than a 412.
    // A key answers the same caller sending the same command, no one else.
    const requestHash = createHash('sha256')
      .update(canonicalJson({ userId: actor.userId, command }))
      .digest('hex');
    if (request.idempotencyKey) {
      const stored = await manager.findOneBy(IdempotencyRecord, { dossierId, key: request.idempotencyKey });
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new DomainError(ErrorCode.IdempotencyKeyReused, { idempotencyKey: request.idempotencyKey });
        }
        return { result: stored.responseBody as unknown as TransitionResult, replayed: true };
      }
    }

    if (request.expectedVersion !== undefined && request.expectedVersion !== row.version) {
      throw new DomainError(ErrorCode.DossierVersionMismatch, {
        expectedVersion: request.expectedVersion,
        currentVersion: row.version,
      });
    }

    const persisted = migrateSnapshot(row.snapshot, row.machine_version);
    const snapshot = revive(persisted);
    const now = this.clock.now();
    const today = isoDateIn(now, this.config.timeZone);
    const facts = await this.facts.gather({
      dossierId,
      command,
      actor,
      manager,
      today,
      machineContext: snapshot.context as DossierContext,
    });
    const decision = decide(persisted, command, facts);
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

    // Structured result: TypeORM's plain query() returns [rows, count] for an UPDATE.
    const updated = await manager.queryRunner!.query(
      `UPDATE dossier SET state = $2, snapshot = $3, machine_version = $4, version = version + 1, updated_at = $5
        WHERE id = $1 AND version = $6 RETURNING version`,
      [dossierId, decision.toState, decision.snapshot, DOSSIER_MACHINE_VERSION, now, row.version],
      true,
    );
    // The row is locked, so this cannot miss; checked anyway rather than assumed.
    if (updated.records.length !== 1) throw new DomainError(ErrorCode.ConcurrentUpdate, { id: dossierId });
    const effects = await this.hooks.run({
      dossierId,
      command,
      fromState: decision.fromState,
      toState: decision.toState,
      actor,
      manager,
      now,
      today,
    });

    const entry = await this.journal.append(
      manager,
      dossierId,
      {
        type: 'TRANSITION',
        actor,
        payload: {
          event: command as unknown as Record<string, unknown>,
          fromState: decision.fromState,
          toState: decision.toState,
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
        payload: { event: command, toState: decision.toState, journalSeq: entry.seq, actor },
        availableAt: now,
      })),
    );

    const nextSnapshot = revive(decision.snapshot);
    const result: TransitionResult = {
      dossierId,
      event: command.type,
      fromState: decision.fromState,
      state: decision.toState,
      stateLabel: STATE_LABELS[decision.toState] ?? decision.toState,
      version: (updated.records[0] as { version: number }).version,
      allowedEvents: allowedEventsFor(nextSnapshot, [actor.role]),
      journalSeq: entry.seq,
    };
    if (request.idempotencyKey) {
      await manager.insert(IdempotencyRecord, {
        dossierId,
        key: request.idempotencyKey,
        requestHash,
        statusCode: 200,
        responseBody: { ...result },
      });
    }
    return { result, replayed: false };
  }
}

function pick(facts: Record<FactName, unknown>, names: readonly FactName[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, facts[name]]));
}
