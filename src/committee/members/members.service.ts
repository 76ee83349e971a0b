/**
 * Committee members and their seats (issue: "a member may be inactive; history kept").
 * The source of truth for who sits for what is `committee_seat`; the identity module's
 * `committee_member` role says who may act as a member. Seats are given and ended by the
 * administrator, never deleted.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { validationFailed } from '../../common/validation.js';
import { UserDirectory } from '../../identity/user-directory.js';
import { ReferentialsService } from '../../referentials/referentials.service.js';
import type { SeatHeld } from '../composition.js';
import { SEAT_LABELS, type SeatCategory } from '../seats.js';
import { CommitteeSeat } from './committee-seat.entity.js';
import type { GiveSeatDto, MemberViewDto, SeatViewDto } from './member.dto.js';

interface SeatRow {
  id: string;
  user_id: string;
  display_name: string;
  email: string;
  user_active: boolean;
  holds_role: boolean;
  category: SeatCategory;
  service_code: string | null;
  started_at: Date;
  ended_at: Date | null;
}

const SEAT_SELECT = `SELECT cs.id, cs.user_id, u.display_name, u.email, u.active AS user_active, u.holds_role,
    cs.category, cs.service_code, cs.started_at, cs.ended_at
  FROM committee_seat cs
  JOIN rm_committee_account u ON u.id = cs.user_id`;

function seatView(row: SeatRow, serviceLabels: ReadonlyMap<string, string>): SeatViewDto {
  return {
    id: row.id,
    seatCategory: row.category,
    seatLabel: SEAT_LABELS[row.category],
    serviceCode: row.service_code,
    serviceLabel: row.service_code === null ? null : (serviceLabels.get(row.service_code) ?? null),
    active: row.ended_at === null,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
  };
}

/** A member as the committee counts them: an active account holding the role, with its held seats. */
export interface SittingMember {
  userId: string;
  displayName: string;
  email: string;
  seats: SeatHeld[];
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referentials: ReferentialsService,
    private readonly directory: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every user who holds or held a seat, with their seats (ended ones with `includeEnded`). */
  async list(includeEnded: boolean): Promise<MemberViewDto[]> {
    const rows = await this.dataSource.query<SeatRow[]>(
      `${SEAT_SELECT} ${includeEnded ? '' : 'WHERE cs.ended_at IS NULL'} ORDER BY u.display_name, u.id, cs.started_at`,
    );
    const labels = await this.serviceLabels(this.dataSource.manager);
    const members = new Map<string, MemberViewDto>();
    for (const row of rows) {
      const member = members.get(row.user_id) ?? {
        userId: row.user_id,
        displayName: row.display_name,
        email: row.email,
        active: row.user_active,
        holdsRole: row.holds_role,
        seats: [],
      };
      member.seats.push(seatView(row, labels));
      members.set(row.user_id, member);
    }
    return [...members.values()];
  }

  async giveSeat(input: GiveSeatDto, actor: Actor): Promise<SeatViewDto> {
    return this.dataSource.transaction(async (manager) => {
      // The user's row lock serialises seat grants per user (the unique index ignores NULL services).
      const user = await this.directory.getLocked(input.userId, manager);
      if (!user) throw new DomainError(ErrorCode.UserNotFound, { id: input.userId });
      const fields: { field: string; messages: string[] }[] = [];
      if (!user.active) fields.push({ field: 'userId', messages: ['Ce compte est désactivé.'] });
      if (!user.roles.includes('committee_member')) {
        fields.push({
          field: 'userId',
          messages: [
            'Cet utilisateur n’a pas le rôle de membre du comité (committee_member) : un administrateur le lui donne d’abord.',
          ],
        });
      }
      const serviceCode = input.seatCategory === 'DEPARTMENTAL_SERVICE' ? (input.serviceCode ?? null) : null;
      if (input.seatCategory === 'DEPARTMENTAL_SERVICE') {
        const service = serviceCode
          ? (await this.referentials.services(manager)).find((candidate) => candidate.code === serviceCode)
          : undefined;
        if (!serviceCode)
          fields.push({ field: 'serviceCode', messages: ['Le service départemental représenté est requis.'] });
        else if (!service?.active) {
          fields.push({
            field: 'serviceCode',
            messages: [`Aucun service départemental actif n’a le code ${serviceCode}.`],
          });
        }
      } else if (input.serviceCode !== undefined) {
        fields.push({
          field: 'serviceCode',
          messages: ['Seul un siège de service départemental représente un service.'],
        });
      }
      if (fields.length) throw validationFailed(fields);

      const [held] = await manager.query<{ id: string }[]>(
        `SELECT id FROM committee_seat WHERE user_id = $1 AND category = $2 AND service_code IS NOT DISTINCT FROM $3
            AND ended_at IS NULL`,
        [input.userId, input.seatCategory, serviceCode],
      );
      if (held) throw new DomainError(ErrorCode.CommitteeSeatAlreadyHeld, { seatId: held.id });
      const seat = await manager.save(
        manager.create(CommitteeSeat, {
          userId: input.userId,
          category: input.seatCategory,
          serviceCode,
          startedAt: this.clock.now(),
          startedBy: actor.userId,
          endedAt: null,
          endedBy: null,
        }),
      );
      return this.seat(manager, seat.id);
    });
  }

  /** Ends a seat: kept for the sessions it sat in, no longer counted from now on. */
  async endSeat(seatId: string, actor: Actor): Promise<SeatViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ ended_at: Date | null }[]>(
        'SELECT ended_at FROM committee_seat WHERE id = $1 FOR UPDATE',
        [seatId],
      );
      if (!row) throw new DomainError(ErrorCode.CommitteeSeatNotFound, { id: seatId });
      if (row.ended_at) throw new DomainError(ErrorCode.CommitteeSeatEnded, { id: seatId, endedAt: row.ended_at });
      await manager.query('UPDATE committee_seat SET ended_at = $2, ended_by = $3 WHERE id = $1', [
        seatId,
        this.clock.now(),
        actor.userId,
      ]);
      return this.seat(manager, seatId);
    });
  }

  private async seat(manager: EntityManager, id: string): Promise<SeatViewDto> {
    const [row] = await manager.query<SeatRow[]>(`${SEAT_SELECT} WHERE cs.id = $1`, [id]);
    return seatView(row, await this.serviceLabels(manager));
  }

  /** The departmental services' labels by code (the referentials' own). */
  private async serviceLabels(manager: EntityManager): Promise<Map<string, string>> {
    return new Map((await this.referentials.services(manager)).map((service) => [service.code, service.label]));
  }

  /**
   * Members who may sit today: active accounts holding the role, with their held seats
   * (`userIds` narrows to those). Read through the caller's transaction.
   */
  async sitting(manager: EntityManager, userIds?: readonly string[]): Promise<SittingMember[]> {
    const rows = await manager.query<
      { user_id: string; display_name: string; email: string; category: SeatCategory; service_code: string | null }[]
    >(
      `SELECT cs.user_id, u.display_name, u.email, cs.category, cs.service_code
         FROM committee_seat cs JOIN rm_committee_account u ON u.id = cs.user_id
        WHERE cs.ended_at IS NULL AND u.active AND u.holds_role
          ${userIds ? 'AND cs.user_id = ANY ($1::uuid[])' : ''}
        ORDER BY u.display_name, cs.user_id, cs.category, cs.service_code`,
      userIds ? [userIds] : [],
    );
    const members = new Map<string, SittingMember>();
    for (const row of rows) {
      const member = members.get(row.user_id) ?? {
        userId: row.user_id,
        displayName: row.display_name,
        email: row.email,
        seats: [],
      };
      member.seats.push({ category: row.category, serviceCode: row.service_code });
      members.set(row.user_id, member);
    }
    return [...members.values()];
  }
}
