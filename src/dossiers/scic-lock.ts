/**
 * The SCIC row lock: the writes kept per SCIC (shareholder advances: one open at a time,
 * renewable once) are serialised on the SCIC's row, in the caller's transaction.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

@Injectable()
export class ScicLock {
  /** Locks the SCIC's row until the caller's transaction ends. */
  async lockScic(manager: EntityManager, scicId: string): Promise<void> {
    await manager.query('SELECT id FROM scic WHERE id = $1 FOR UPDATE', [scicId]);
  }
}
