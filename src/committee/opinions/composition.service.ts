/**
 * Gathers what the composition rule needs for one dossier at one session — the services
 * of its orientations (step 1), the convoked members with their seats, who is present
 * and who declared what — and applies the pure rule (composition.ts). Everything is read
 * through the caller's manager, so the workflow guard sees its own transaction.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnalysesReader } from '../../analyses/analyses-reader.service.js';
import { DossierReader } from '../../dossiers/dossier-reader.js';
import { UserDirectory } from '../../identity/user-directory.js';
import {
  committeeCompositionFor,
  type Composition,
  type DeclarationStatus,
  type SeatHeld,
  type ServiceRef,
  type SessionMember,
} from '../composition.js';
import { MembersService } from '../members/members.service.js';
import type { SessionRow } from '../sessions/session-rows.js';

export interface DossierComposition {
  sessionId: string;
  services: ServiceRef[];
  members: SessionMember[];
  composition: Composition;
}

@Injectable()
export class CompositionService {
  constructor(
    private readonly analyses: AnalysesReader,
    private readonly members: MembersService,
    private readonly dossiers: DossierReader,
    private readonly directory: UserDirectory,
  ) {}

  /** The session's convoked members as the rule sees them for this dossier. */
  async sessionMembers(manager: EntityManager, session: SessionRow, dossierId: string): Promise<SessionMember[]> {
    const { scic } = await this.dossiers.get(dossierId, manager);
    const rows = await manager.query<
      {
        user_id: string;
        frozen_seats: SeatHeld[] | null;
        present: boolean | null;
        has_interest: boolean | null;
      }[]
    >(
      // The declaration in force for the dossier's SCIC (rule 8), whichever dossier or
      // session it was made through: a new session does not start blank.
      `SELECT c.user_id, c.frozen_seats, a.present, dcl.has_interest
         FROM committee_convocation c
         LEFT JOIN committee_attendance a ON a.session_id = c.session_id AND a.user_id = c.user_id
         LEFT JOIN committee_interest_declaration dcl
                ON dcl.scic_id = $2 AND dcl.user_id = c.user_id AND dcl.superseded_at IS NULL
        WHERE c.session_id = $1`,
      [session.id, scic.id],
    );
    const names = await this.directory.displayNames(
      rows.map((row) => row.user_id),
      manager,
    );
    // An open session counts the seats held now; a closed one those frozen at its closing.
    const live =
      session.status === 'OPEN'
        ? new Map(
            (
              await this.members.sitting(
                manager,
                rows.map((row) => row.user_id),
              )
            ).map((m) => [m.userId, m.seats]),
          )
        : null;
    return rows.map((row) => ({
      userId: row.user_id,
      displayName: names.get(row.user_id) ?? row.user_id,
      seats: live ? (live.get(row.user_id) ?? []) : (row.frozen_seats ?? []),
      present: row.present === true,
      declaration: (row.has_interest === null ? null : row.has_interest ? 'INTEREST' : 'NONE') as DeclarationStatus,
    }));
  }

  async forDossier(manager: EntityManager, session: SessionRow, dossierId: string): Promise<DossierComposition> {
    const services = await this.analyses.servicesConcerned(manager, dossierId);
    const members = await this.sessionMembers(manager, session, dossierId);
    return { sessionId: session.id, services, members, composition: committeeCompositionFor(services, members) };
  }
}
