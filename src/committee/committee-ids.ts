import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../common/errors/error-code.js';
import { IdPipe } from '../common/id.pipe.js';
import { validationFailed } from '../common/validation.js';

@Injectable()
export class SessionIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.CommitteeSessionNotFound);
  }
}

@Injectable()
export class SeatIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.CommitteeSeatNotFound);
  }
}

/** `?flag=true|false` (absent: false); anything else is a 422 naming the parameter. */
export function booleanQuery(name: string, value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw validationFailed([{ field: name, messages: [`${name} doit valoir true ou false.`] }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional `?sessionId=` that must be a UUID when given (422 otherwise). */
export function optionalSessionId(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!UUID.test(value)) {
    throw validationFailed([
      { field: 'sessionId', messages: ['sessionId doit être l’identifiant (UUID) d’une séance.'] },
    ]);
  }
  return value.toLowerCase();
}
