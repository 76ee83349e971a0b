/**
 * Who the accounts are, for the other modules (names on minutes, convocations' addresses,
 * signatories): they never name the identity tables in their own SQL. Each method takes
 * an optional manager, to read inside the caller's transaction.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Role } from '../common/actor.js';
import { User } from './user.entity.js';

export interface DirectoryEntry {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  roles: Role[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UserDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The accounts among `ids` (ids that are not account ids, such as development identities, are skipped). */
  async find(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<DirectoryEntry[]> {
    const accountIds = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (accountIds.length === 0) return [];
    const users = await manager.find(User, { where: { id: In(accountIds) }, relations: { roles: true } });
    return users.map(toEntry);
  }

  /** One account, or null. */
  async get(id: string, manager?: EntityManager): Promise<DirectoryEntry | null> {
    const [entry] = await this.find([id], manager);
    return entry ?? null;
  }

  /** Display names by id; an id without an account keeps its own text (development identities, deleted accounts). */
  async displayNames(ids: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    const entries = await this.find(ids, manager);
    const byId = new Map(entries.map((entry) => [entry.id, entry.displayName]));
    return new Map(ids.map((id) => [id, byId.get(id.toLowerCase()) ?? id]));
  }

  /** The active accounts holding `role` (with all their roles), by display name. */
  async withRole(role: Role, manager: EntityManager = this.dataSource.manager): Promise<DirectoryEntry[]> {
    const holders = await manager.find(User, { select: { id: true }, where: { active: true, roles: { role } } });
    const entries = await this.find(
      holders.map((holder) => holder.id),
      manager,
    );
    return entries.sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  }

  /**
   * One account with its row locked until the caller's transaction ends (it waits for,
   * then holds off, a concurrent change of the account: deactivation, roles), or null.
   */
  async getLocked(id: string, manager: EntityManager): Promise<DirectoryEntry | null> {
    if (!UUID.test(id)) return null;
    const locked = await manager.findOne(User, {
      select: { id: true },
      where: { id: id.toLowerCase() },
      lock: { mode: 'pessimistic_write' },
    });
    return locked ? this.get(locked.id, manager) : null;
  }
}

function toEntry(user: User): DirectoryEntry {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    roles: (user.roles ?? []).map((role) => role.role as Role),
  };
}
