/**
 * Sessions of the comité d'engagement: creation and changes while open, and the agenda
 * as the caller may see it (attendance is attendance.service.ts's). Adding a dossier to an
 * agenda is the SCHEDULE_COMMITTEE transition (committee-transitions.listener.ts);
 * moving it is the agenda service's.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../../common/clock.js';
import { validationFailed, type FieldError } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { UserDirectory } from '../../identity/user-directory.js';
import { DossierVisibility } from '../../access/dossier-visibility.js';
import { STATE_LABELS } from '../../workflow/dossier.workflow.js';
import { CommitteeSession } from './committee-session.entity.js';
import type { CreateSessionDto, UpdateSessionDto } from './session.dto.js';
import { assertOpen, loadSession, SESSION_COLUMNS, sessionVisibility, type SessionRow } from './session-rows.js';

export interface PersonRef {
  userId: string;
  displayName: string;
}

export interface AgendaItemView {
  dossierId: string;
  reference: string;
  scicName: string;
  commune: string;
  requestedAmountCents: number;
  position: number;
  status: string;
  reason: string | null;
  movedToSessionId: string | null;
  movedReason: string | null;
  dossierState: string;
  dossierStateLabel: string;
  opinion: { opinion: string; proposedAmountCents: number | null } | null;
}

export interface SessionView {
  id: string;
  sessionDate: string;
  startTime: string | null;
  place: string | null;
  videoLink: string | null;
  chair: PersonRef | null;
  secretary: PersonRef | null;
  status: string;
  version: number;
  closedAt: string | null;
  minutesSha256: string | null;
  convokedCount: number;
  agenda: AgendaItemView[];
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return isoDateIn(this.clock.now(), this.config.timeZone);
  }

  async create(input: CreateSessionDto, actor: Actor): Promise<SessionView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.check(manager, {
        sessionDate: input.sessionDate,
        place: input.place ?? null,
        videoLink: input.videoLink ?? null,
        chairUserId: input.chairUserId ?? null,
        secretaryUserId: input.secretaryUserId ?? null,
      });
      const now = this.clock.now();
      const session = await manager.save(
        manager.create(CommitteeSession, {
          sessionDate: input.sessionDate,
          startTime: input.startTime ?? null,
          place: input.place?.trim() ?? null,
          videoLink: input.videoLink ?? null,
          chairUserId: input.chairUserId ?? null,
          secretaryUserId: input.secretaryUserId ?? null,
          status: 'OPEN',
          version: 1,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          closedAt: null,
          closedBy: null,
          minutesPdf: null,
          minutesSha256: null,
        }),
      );
      return session.id;
    });
    return this.get(id, actor);
  }

  async update(id: string, input: UpdateSessionDto, actor: Actor): Promise<SessionView> {
    await this.dataSource.transaction(async (manager) => {
      const session = await loadSession(manager, id, { lock: true });
      assertOpen(session);
      const next = {
        sessionDate: input.sessionDate ?? session.session_date,
        startTime: input.startTime === undefined ? session.start_time : input.startTime,
        place: input.place === undefined ? session.place : (input.place?.trim() ?? null),
        videoLink: input.videoLink === undefined ? session.video_link : input.videoLink,
        chairUserId: input.chairUserId === undefined ? session.chair_user_id : input.chairUserId,
        secretaryUserId: input.secretaryUserId === undefined ? session.secretary_user_id : input.secretaryUserId,
      };
      // A date already past may stay as it is; a new date must be today or later.
      await this.check(manager, next, input.sessionDate !== undefined && input.sessionDate !== session.session_date);
      await manager.query(
        `UPDATE committee_session SET session_date = $2, start_time = $3, place = $4, video_link = $5,
                chair_user_id = $6, secretary_user_id = $7, version = version + 1, updated_at = $8
          WHERE id = $1`,
        [
          id,
          next.sessionDate,
          next.startTime,
          next.place,
          next.videoLink,
          next.chairUserId,
          next.secretaryUserId,
          this.clock.now(),
        ],
      );
    });
    return this.get(id, actor);
  }

  private async check(
    manager: EntityManager,
    session: {
      sessionDate: string;
      place: string | null;
      videoLink: string | null;
      chairUserId: string | null;
      secretaryUserId: string | null;
    },
    dateChanged = true,
  ): Promise<void> {
    const fields: FieldError[] = [];
    if (dateChanged && session.sessionDate < this.today()) {
      fields.push({ field: 'sessionDate', messages: ['La séance doit être fixée à aujourd’hui ou plus tard.'] });
    }
    if (!session.place && !session.videoLink) {
      fields.push({ field: 'place', messages: ['Indiquez le lieu de la séance ou le lien de la visioconférence.'] });
    }
    for (const [field, userId, role] of [
      ['chairUserId', session.chairUserId, null],
      ['secretaryUserId', session.secretaryUserId, 'committee_secretary'],
    ] as const) {
      if (!userId) continue;
      const user = await this.directory.get(userId, manager);
      if (!user?.active) fields.push({ field, messages: ['Aucun utilisateur actif n’a cet identifiant.'] });
      else if (role && !user.roles.includes(role))
        fields.push({ field, messages: ['Cet utilisateur n’a pas le rôle de secrétaire du comité.'] });
    }
    if (fields.length) throw validationFailed(fields);
  }

  async list(actor: Actor, status?: 'OPEN' | 'CLOSED'): Promise<SessionView[]> {
    const { condition, params } = sessionVisibility(actor);
    const all = [...params, ...(status ? [status] : [])];
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM committee_session s
        WHERE ${condition.replace('$PARAM', '$1')}${status ? ` AND s.status = $${all.length}` : ''}
        ORDER BY s.session_date DESC, s.start_time DESC NULLS LAST, s.id LIMIT 200`,
      all,
    );
    return Promise.all(rows.map((row) => this.view(this.dataSource.manager, row, actor)));
  }

  async get(id: string, actor: Actor): Promise<SessionView> {
    const session = await loadSession(this.dataSource.manager, id, { actor });
    return this.view(this.dataSource.manager, session, actor);
  }

  private async view(manager: EntityManager, row: SessionRow, actor: Actor): Promise<SessionView> {
    const people = await this.directory.find(
      [row.chair_user_id, row.secretary_user_id].filter((id): id is string => id !== null),
      manager,
    );
    const person = (id: string | null): PersonRef | null => {
      const found = people.find((candidate) => candidate.id === id);
      return found ? { userId: found.id, displayName: found.displayName } : null;
    };
    const [{ count }] = await manager.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM committee_convocation WHERE session_id = $1',
      [row.id],
    );
    return {
      id: row.id,
      sessionDate: row.session_date,
      startTime: row.start_time,
      place: row.place,
      videoLink: row.video_link,
      chair: person(row.chair_user_id),
      secretary: person(row.secretary_user_id),
      status: row.status,
      version: row.version,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      minutesSha256: row.minutes_sha256,
      convokedCount: count,
      agenda: await this.agendaRows(manager, row.id, actor),
    };
  }

  async agenda(id: string, actor: Actor): Promise<AgendaItemView[]> {
    await loadSession(this.dataSource.manager, id, { actor });
    return this.agendaRows(this.dataSource.manager, id, actor);
  }

  /** The agenda's dossiers the caller may see (per-dossier visibility), in order. */
  private async agendaRows(manager: EntityManager, sessionId: string, actor: Actor): Promise<AgendaItemView[]> {
    const visible = this.visibility.condition(actor, 'd');
    const rows = await manager.query<
      {
        dossier_id: string;
        reference: string;
        name: string;
        commune: string;
        requested_amount_cents: string;
        position: number;
        status: string;
        reason: string | null;
        moved_to_session_id: string | null;
        moved_reason: string | null;
        state: string;
        opinion: string | null;
        proposed_amount_cents: string | null;
      }[]
    >(
      `SELECT ai.dossier_id, d.reference, d.name, d.commune, d.requested_amount_cents, ai.position, ai.status,
              ai.reason, ai.moved_to_session_id, ai.moved_reason, d.state, o.opinion, o.proposed_amount_cents
         FROM committee_agenda_item ai
         JOIN rm_agenda_dossier d ON d.id = ai.dossier_id
         LEFT JOIN committee_opinion o ON o.session_id = ai.session_id AND o.dossier_id = ai.dossier_id
        WHERE ai.session_id = $1${visible ? ` AND ${visible}` : ''}
        ORDER BY ai.position`,
      [sessionId],
    );
    return rows.map((row) => ({
      dossierId: row.dossier_id,
      reference: row.reference,
      scicName: row.name,
      commune: row.commune,
      requestedAmountCents: Number(row.requested_amount_cents),
      position: row.position,
      status: row.status,
      reason: row.reason,
      movedToSessionId: row.moved_to_session_id,
      movedReason: row.moved_reason,
      dossierState: row.state,
      dossierStateLabel: STATE_LABELS[row.state] ?? row.state,
      opinion: row.opinion
        ? {
            opinion: row.opinion,
            proposedAmountCents: row.proposed_amount_cents === null ? null : Number(row.proposed_amount_cents),
          }
        : null,
    }));
  }
}
