/**
 * Attendance at a session of the comité d'engagement: the convoked members with their
 * seats (those frozen at the closing once closed) and whether they are present, recorded
 * on the day of the session or later, for convoked members only.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { validationFailed } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { SeatHeld } from '../composition.js';
import { MembersService } from '../members/members.service.js';
import { SEAT_LABELS } from '../seats.js';
import type { RecordAttendanceDto } from './session.dto.js';
import { assertOpen, loadSession, type SessionRow } from './session-rows.js';

export interface AttendanceView {
  userId: string;
  displayName: string;
  seats: (SeatHeld & { label: string })[];
  convoked: boolean;
  /** null: not recorded yet. */
  present: boolean | null;
}

@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The convoked members with their seats (frozen ones once closed) and whether they are present. */
  async attendance(id: string, actor: Actor): Promise<AttendanceView[]> {
    const session = await loadSession(this.dataSource.manager, id, { actor });
    return this.attendanceOf(this.dataSource.manager, session);
  }

  async attendanceOf(manager: EntityManager, session: SessionRow): Promise<AttendanceView[]> {
    const rows = await manager.query<
      { user_id: string; display_name: string; present: boolean | null; frozen_seats: SeatHeld[] | null }[]
    >(
      `SELECT c.user_id, u.display_name, a.present, c.frozen_seats
         FROM committee_convocation c
         JOIN rm_committee_account u ON u.id = c.user_id
         LEFT JOIN committee_attendance a ON a.session_id = c.session_id AND a.user_id = c.user_id
        WHERE c.session_id = $1
        ORDER BY u.display_name, c.user_id`,
      [session.id],
    );
    const live = new Map(
      (
        await this.members.sitting(
          manager,
          rows.map((row) => row.user_id),
        )
      ).map((member) => [member.userId, member]),
    );
    return rows.map((row) => {
      const seats = session.status === 'CLOSED' ? (row.frozen_seats ?? []) : (live.get(row.user_id)?.seats ?? []);
      return {
        userId: row.user_id,
        displayName: row.display_name,
        seats: seats.map((seat) => ({ ...seat, label: SEAT_LABELS[seat.category] })),
        convoked: true,
        present: row.present,
      };
    });
  }

  /** Records who is present, on the day of the session or later, for convoked members only. */
  async recordAttendance(id: string, input: RecordAttendanceDto, actor: Actor): Promise<AttendanceView[]> {
    return this.dataSource.transaction(async (manager) => {
      const session = await loadSession(manager, id, { lock: true });
      assertOpen(session);
      if (session.session_date > isoDateIn(this.clock.now(), this.config.timeZone)) {
        throw new DomainError(ErrorCode.CommitteeSessionNotHeldYet, {
          sessionId: id,
          sessionDate: session.session_date,
        });
      }
      const userIds = [...new Set(input.entries.map((entry) => entry.userId.toLowerCase()))];
      if (userIds.length !== input.entries.length) {
        throw validationFailed([{ field: 'entries', messages: ['Un membre figure deux fois.'] }]);
      }
      const convoked = await manager.query<{ user_id: string }[]>(
        'SELECT user_id FROM committee_convocation WHERE session_id = $1 AND user_id = ANY ($2::uuid[])',
        [id, userIds],
      );
      const notConvoked = userIds.filter((userId) => !convoked.some((row) => row.user_id === userId));
      if (notConvoked.length) {
        throw new DomainError(
          ErrorCode.CommitteeNotConvoked,
          { sessionId: id, userIds: notConvoked },
          'Seuls les membres convoqués à la séance peuvent y être déclarés présents : convoquez-les d’abord.',
        );
      }
      const now = this.clock.now();
      for (const entry of input.entries) {
        await manager.query(
          `INSERT INTO committee_attendance (session_id, user_id, present, recorded_at, recorded_by)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (session_id, user_id) DO UPDATE SET present = $3, recorded_at = $4, recorded_by = $5`,
          [id, entry.userId.toLowerCase(), entry.present, now, actor.userId],
        );
      }
      await manager.query('UPDATE committee_session SET version = version + 1, updated_at = $2 WHERE id = $1', [
        id,
        now,
      ]);
      return this.attendanceOf(manager, session);
    });
  }
}
