/**
 * The dossier row lock, written once. Every write that changes a dossier or appends to
 * its journal takes it first, inside its own transaction: it serialises the journal's
 * appends per dossier and orders the locks (dossier row → SCIC → envelope), so two
 * writers on one dossier never interleave.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** A queue of requests on one dossier must not hold every pooled connection: 409 after this. */
const LOCK_TIMEOUT = '5s';

/** What the lock holder may read of the locked row. */
export interface LockedDossier {
  id: string;
  scicId: string;
  state: string;
  machineVersion: number;
  snapshot: Record<string, unknown>;
  version: number;
  requestedAmountCents: number;
  nominalShareValueCents: number;
}

interface LockedRow {
  id: string;
  scic_id: string;
  state: string;
  machine_version: number;
  snapshot: Record<string, unknown>;
  version: number;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
}

@Injectable()
export class DossierLock {
  /**
   * Locks the dossier's row until the caller's transaction ends (waiting a bounded time,
   * answered 409 CONCURRENT_UPDATE past it), or 404 when there is no such dossier.
   */
  async lock(manager: EntityManager, dossierId: string): Promise<LockedDossier> {
    const [locked] = await this.lockAll(manager, [dossierId]);
    if (!locked) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    return locked;
  }

  /** Locks several dossiers in id order (so two such callers cannot deadlock); absent ids are skipped. */
  async lockAll(manager: EntityManager, dossierIds: readonly string[]): Promise<LockedDossier[]> {
    if (dossierIds.length === 0) return [];
    await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const rows = await manager.query<LockedRow[]>(
      `SELECT id, scic_id, state, machine_version, snapshot, version, requested_amount_cents, nominal_share_value_cents
         FROM dossier WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(dossierIds.map((id) => id.toLowerCase()))]],
    );
    return rows.map((row) => ({
      id: row.id,
      scicId: row.scic_id,
      state: row.state,
      machineVersion: row.machine_version,
      snapshot: row.snapshot,
      version: row.version,
      requestedAmountCents: Number(row.requested_amount_cents),
      nominalShareValueCents: Number(row.nominal_share_value_cents),
    }));
  }
}
