/**
 * The first administrator of an installation, for `npm run admin:create`: production
 * refuses demo data and development identities, so without it nobody could sign in to
 * create the others. Only while no active administrator exists — afterwards accounts are
 * created by an administrator, through the API, and journaled as such.
 */
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { flattenValidationErrors, validationFailed, VALIDATOR_OPTIONS } from '../common/validation.js';
import { CreateUserDto } from './dto/user.dto.js';
import type { UsersService, UserView } from './users.service.js';

export async function createFirstAdmin(
  users: UsersService,
  input: { email?: string; displayName?: string; password?: string },
): Promise<UserView> {
  if ((await users.activeWithRole('admin')).length > 0) {
    throw new DomainError(
      ErrorCode.Forbidden,
      { reason: 'ADMIN_EXISTS' },
      'Un administrateur actif existe déjà : les comptes se créent depuis l’administration.',
    );
  }
  const dto = plainToInstance(CreateUserDto, { ...input, roles: [{ role: 'admin' }] });
  const errors = await validate(dto, VALIDATOR_OPTIONS);
  if (errors.length) throw validationFailed(flattenValidationErrors(errors));
  return users.create(dto);
}
