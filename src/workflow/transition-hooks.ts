/**
 * What other modules do inside a transition's transaction, after the state is written
 * and before the journal entry (e.g. the deadlines module moves the due date). A hook
 * that throws rolls the whole transition back: state, data and journal stay together.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { DossierCommand } from './dossier.events.js';

export interface TransitionContext {
  dossierId: string;
  command: DossierCommand;
  fromState: string;
  toState: string;
  actor: Actor;
  manager: EntityManager;
  now: Date;
  /** Today in the département's time zone, YYYY-MM-DD. */
  today: string;
}

/**
 * What a listener did that the journal entry must hold (e.g. the signed document's
 * hash), merged into the entry's `effects`.
 */
export type TransitionEffects = Record<string, unknown>;

export interface TransitionListener {
  afterTransition(context: TransitionContext): Promise<TransitionEffects | void>;
}

@Injectable()
export class TransitionHooks {
  private readonly listeners: TransitionListener[] = [];

  register(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  async run(context: TransitionContext): Promise<TransitionEffects> {
    const effects: TransitionEffects = {};
    for (const listener of this.listeners) Object.assign(effects, await listener.afterTransition(context));
    return effects;
  }
}
