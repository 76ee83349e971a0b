/**
 * The committee's part of per-dossier visibility: a committee member sees the dossiers on
 * the agenda of a session they are convoked to (not those moved away to a session they
 * are not convoked to), whatever their state since. Registered with the access layer,
 * which names none of the committee's tables.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DossierVisibility, type VisibilityProvider } from '../access/dossier-visibility.js';
import type { Actor } from '../common/actor.js';
import { isUuid } from './sessions/session-rows.js';

@Injectable()
export class CommitteeVisibilityProvider implements VisibilityProvider, OnModuleInit {
  constructor(private readonly visibility: DossierVisibility) {}

  onModuleInit(): void {
    this.visibility.register(this, ['committee_member']);
  }

  /**
   * The id is inlined, and only a UUID is: a caller whose id is not one (development
   * identities) sees nothing.
   */
  condition(actor: Actor, alias: string): string {
    if (!isUuid(actor.userId)) return 'FALSE';
    return `EXISTS (SELECT 1 FROM committee_agenda_item vai JOIN committee_convocation vcc ON vcc.session_id = vai.session_id
               WHERE vai.dossier_id = ${alias}.id AND vai.status <> 'MOVED' AND vcc.user_id = '${actor.userId.toLowerCase()}')`;
  }
}
