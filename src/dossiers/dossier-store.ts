/**
 * The writes on the dossier row that the workflow makes: the dossiers module owns the
 * table, the workflow runner owns when a transition is written.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

export interface TransitionWrite {
  state: string;
  snapshot: Record<string, unknown>;
  machineVersion: number;
  at: Date;
  /** The version read under the lock: the write refuses any other. */
  expectedVersion: number;
}

@Injectable()
export class DossierStore {
  /** Writes a transition on the locked row; returns the new version. */
  async writeTransition(manager: EntityManager, dossierId: string, write: TransitionWrite): Promise<number> {
    // Structured result: TypeORM's plain query() returns [rows, count] for an UPDATE.
    const updated = await manager.queryRunner!.query(
      `UPDATE dossier SET state = $2, snapshot = $3, machine_version = $4, version = version + 1, updated_at = $5
        WHERE id = $1 AND version = $6 RETURNING version`,
      [dossierId, write.state, write.snapshot, write.machineVersion, write.at, write.expectedVersion],
      true,
    );
    // The row is locked, so this cannot miss; checked anyway rather than assumed.
    if (updated.records.length !== 1) throw new DomainError(ErrorCode.ConcurrentUpdate, { id: dossierId });
    return (updated.records[0] as { version: number }).version;
  }
}
