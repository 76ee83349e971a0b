/**
 * The part of the SIGN condition that the identity established on the actor: the
 * signatory is an elected official holding a signing delegation (DESIGN §4, DOMAIN step 5),
 * who re-authenticated just before (the controller checked the password or the recent
 * login and put the result on the actor). The rest of it — no declared interest in this
 * SCIC, the document hash — is DecisionsFactsProvider's. How the signatory
 * re-authenticated goes into the SIGN journal entry's effects. Here rather than in the
 * identity module, so that identity plugs nothing into the workflow.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import {
  TransitionHooks,
  type TransitionContext,
  type TransitionEffects,
  type TransitionListener,
} from '../workflow/transition-hooks.js';

export const NO_SIGNING_DELEGATION: Problem = {
  field: 'signatory',
  code: 'NO_SIGNING_DELEGATION',
  message: 'Seul un élu titulaire d’une délégation de signature peut signer la décision.',
};

export const NOT_REAUTHENTICATED: Problem = {
  field: 'password',
  code: 'REAUTHENTICATION_REQUIRED',
  message: 'Confirmez votre identité par votre mot de passe pour signer.',
};

/** Problems of the signatory as identity sees them (SIGN and signing a correction). */
export function signatoryIdentityProblems(actor: Actor): Problem[] {
  return [
    ...(actor.signingDelegation ? [] : [NO_SIGNING_DELEGATION]),
    ...(actor.reauthentication ? [] : [NOT_REAUTHENTICATED]),
  ];
}

@Injectable()
export class SignatureFactsProvider implements FactsProvider, TransitionListener, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly hooks: TransitionHooks,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ['signature']);
    this.hooks.register(this);
  }

  async gather(query: FactsQuery): Promise<Partial<Record<FactName, Problem[]>>> {
    return { signature: signatoryIdentityProblems(query.actor) };
  }

  async afterTransition(context: TransitionContext): Promise<TransitionEffects> {
    return context.command.type === 'SIGN' && context.actor.reauthentication
      ? { reauthentication: context.actor.reauthentication }
      : {};
  }
}
