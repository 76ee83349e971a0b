/**
 * Signing delegations for suites that need an élu who signs with a real session: recorded
 * and confirmed through the service by two distinct administrators (four eyes), as the
 * administration page does. Suites using the development headers send
 * `X-Dev-Signing-Delegation: true` instead.
 */
import type { Actor } from '../../src/common/actor.js';
import { DelegationsService, type DelegationView } from '../../src/identity/delegations.service.js';
import type { RecordDelegationDto } from '../../src/identity/dto/delegation.dto.js';
import type { TestApp } from './test-app.js';

export const RECORDING_ADMIN: Actor = { userId: 'test-admin-recorder', role: 'admin', credential: 'dev' };
export const CONFIRMING_ADMIN: Actor = { userId: 'test-admin-confirmer', role: 'admin', credential: 'dev' };

/** A delegation in force from today (the app's clock), unless `input` says otherwise. */
export async function grantSigningDelegation(
  test: Pick<TestApp, 'app'>,
  userId: string,
  input: Partial<RecordDelegationDto> = {},
): Promise<DelegationView> {
  const delegations = test.app.get(DelegationsService);
  const today = delegations.today();
  const recorded = await delegations.record(
    userId,
    { arreteReference: 'Arrêté 2026-042', arreteDate: today, scope: 'ALL', startsOn: today, ...input },
    RECORDING_ADMIN,
  );
  return delegations.confirm(recorded.id, CONFIRMING_ADMIN);
}
