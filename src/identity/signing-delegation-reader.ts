/**
 * The signing delegation in force for an account, for the decision document (the arrêté
 * it names under the signatory's name), read through the caller's manager.
 */
import { Injectable, Module } from '@nestjs/common';
import { IsNull, LessThanOrEqual, MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import { SigningDelegation } from './signing-delegation.entity.js';

@Injectable()
export class SigningDelegationReader {
  /**
   * The arrêté of the account's delegation in force on `day` (YYYY-MM-DD): confirmed, not
   * revoked, within its dates; the latest to start when several are. Null when none is.
   */
  async arreteInForce(manager: EntityManager, userId: string, day: string): Promise<string | null> {
    const inForce = { userId, confirmedAt: Not(IsNull()), revokedAt: IsNull(), startsOn: LessThanOrEqual(day) };
    const delegation = await manager.findOne(SigningDelegation, {
      select: { id: true, arreteReference: true },
      where: [
        { ...inForce, endsOn: IsNull() },
        { ...inForce, endsOn: MoreThanOrEqual(day) },
      ],
      order: { startsOn: 'DESC', createdAt: 'DESC' },
    });
    return delegation?.arreteReference ?? null;
  }
}

/** Imports nothing from the application: any module may import it without a circle. */
@Module({ providers: [SigningDelegationReader], exports: [SigningDelegationReader] })
export class SigningDelegationReaderModule {}
