/**
 * The part of the SIGN condition that identity knows: the signatory is an elected
 * official holding a signing delegation (DESIGN §4, DOMAIN step 5). The rest of it — no
 * declared interest in this SCIC, the document hash — comes with the decision module.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';

export const NO_SIGNING_DELEGATION: Problem = {
  field: 'signatory',
  code: 'NO_SIGNING_DELEGATION',
  message: 'Seul un élu titulaire d’une délégation de signature peut signer la décision.',
};

@Injectable()
export class SignatureFactsProvider implements FactsProvider, OnModuleInit {
  constructor(private readonly registry: FactsRegistry) {}

  onModuleInit(): void {
    this.registry.register(this, ['signature']);
  }

  async gather(query: FactsQuery): Promise<Partial<Record<FactName, Problem[]>>> {
    return {
      signature: query.actor.signingDelegation ? [] : [NO_SIGNING_DELEGATION],
    };
  }
}
