/**
 * Reading sessions and agenda items inside a caller's transaction, shared by the
 * committee's services. Lock order, to stay free of deadlocks with the workflow runner
 * (which locks the dossier row, then reads the session): whatever writes about a dossier
 * locks the dossier first and only READS the session; closing locks the session, then
 * the dossiers of its agenda, and reads what they hold only once it has them.
 */
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { AgendaItemStatus } from './agenda-item.entity.js';
import type { SessionStatus } from './committee-session.entity.js';

export interface SessionRow {
  id: string;
  session_date: string;
  start_time: string | null;
  place: string | null;
  video_link: string | null;
  chair_user_id: string | null;
  secretary_user_id: string | null;
  status: SessionStatus;
  version: number;
  closed_at: Date | null;
  minutes_sha256: string | null;
}

export const SESSION_COLUMNS = `s.id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, s.start_time, s.place, s.video_link,
  s.chair_user_id, s.secretary_user_id, s.status, s.version, s.closed_at, s.minutes_sha256`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Sessions a committee member may see: those they are convoked to. Everyone else with
 * the committee permission sees every session. SQL on `committee_session s`.
 */
export function sessionVisibility(actor: Actor): { condition: string; params: unknown[] } {
  if (actor.role !== 'committee_member') return { condition: 'TRUE', params: [] };
  if (!isUuid(actor.userId)) return { condition: 'FALSE', params: [] };
  return {
    condition: 'EXISTS (SELECT 1 FROM committee_convocation c WHERE c.session_id = s.id AND c.user_id = $PARAM)',
    params: [actor.userId],
  };
}

/** The session, or 404; `lock` takes it FOR UPDATE (closing, editing). */
export async function loadSession(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean; actor?: Actor } = {},
): Promise<SessionRow> {
  const params: unknown[] = [id];
  let visible = '';
  if (options.actor) {
    const { condition, params: extra } = sessionVisibility(options.actor);
    visible = ` AND ${condition.replace('$PARAM', `$${params.length + 1}`)}`;
    params.push(...extra);
  }
  const [row] = await manager.query<SessionRow[]>(
    `SELECT ${SESSION_COLUMNS} FROM committee_session s WHERE s.id = $1${visible}${options.lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  if (!row) throw new DomainError(ErrorCode.CommitteeSessionNotFound, { id });
  return row;
}

export function assertOpen(session: SessionRow): void {
  if (session.status !== 'OPEN') {
    throw new DomainError(ErrorCode.CommitteeSessionClosed, { sessionId: session.id, closedAt: session.closed_at });
  }
}

export interface AgendaItemRow {
  id: string;
  session_id: string;
  dossier_id: string;
  position: number;
  status: AgendaItemStatus;
}

/**
 * The agenda item the committee works on for this dossier: the SCHEDULED one, else
 * (`orLatest`) the latest one, for reading after the opinion.
 */
export async function currentAgendaItem(
  manager: EntityManager,
  dossierId: string,
  options: { orLatest?: boolean; sessionId?: string } = {},
): Promise<AgendaItemRow | null> {
  if (options.sessionId) {
    const [row] = await manager.query<AgendaItemRow[]>(
      `SELECT id, session_id, dossier_id, position, status FROM committee_agenda_item
        WHERE dossier_id = $1 AND session_id = $2`,
      [dossierId, options.sessionId],
    );
    return row ?? null;
  }
  const [row] = await manager.query<AgendaItemRow[]>(
    `SELECT id, session_id, dossier_id, position, status FROM committee_agenda_item
      WHERE dossier_id = $1 ${options.orLatest ? '' : `AND status = 'SCHEDULED'`}
      ORDER BY (status = 'SCHEDULED') DESC, scheduled_at DESC LIMIT 1`,
    [dossierId],
  );
  return row ?? null;
}
