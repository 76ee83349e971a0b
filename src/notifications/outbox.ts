/**
 * The one way to ask for a side effect after commit: a message written in the caller's
 * transaction (the transition's, the convocation's, the deadline scan's), delivered by
 * the outbox worker. The notifications module owns the outbox table.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface OutboxRequest {
  /** Null for a message about a session or a person rather than a dossier (a convocation). */
  dossierId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  /** The clock's time, not the database's: due at once, in tests as in production. */
  availableAt: Date;
}

@Injectable()
export class Outbox {
  async enqueue(manager: EntityManager, messages: readonly OutboxRequest[]): Promise<void> {
    if (messages.length) await manager.insert(OutboxMessage, [...messages] as QueryDeepPartialEntity<OutboxMessage>[]);
  }
}
