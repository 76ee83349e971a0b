/**
 * What other modules read of the payments (the amount gate: a correction never goes below
 * what was paid), through the caller's manager.
 */
import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Payment } from './payment.entity.js';

@Injectable()
export class PaymentReader {
  /** What the département paid through the dossier, in cents. */
  async paidCents(manager: EntityManager, dossierId: string): Promise<number> {
    return (await manager.sum(Payment, 'amountCents', { dossierId })) ?? 0;
  }
}

/** Imports nothing from the application: any module may import it without a circle. */
@Module({ providers: [PaymentReader], exports: [PaymentReader] })
export class PaymentReaderModule {}
