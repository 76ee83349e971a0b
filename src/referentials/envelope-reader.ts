/**
 * What a decision records of its year's envelope (the programme it is charged to), read
 * through the caller's manager without the envelope's lock nor its commitments.
 */
import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BudgetEnvelope } from './budget-envelope.entity.js';

@Injectable()
export class EnvelopeReader {
  /** The year's programme reference, or null when no envelope is set for the year. */
  async programmeReference(manager: EntityManager, year: number): Promise<string | null> {
    const envelope = await manager.findOne(BudgetEnvelope, { select: { programmeReference: true }, where: { year } });
    return envelope?.programmeReference ?? null;
  }
}

/** Imports nothing from the application: any module may import it without a circle. */
@Module({ providers: [EnvelopeReader], exports: [EnvelopeReader] })
export class EnvelopeReaderModule {}
