import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from './errors/domain-error.js';
import { ErrorCode } from './errors/error-code.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id that is not a UUID names nothing: the resource's own 404, without asking the
 * database (a malformed id is not a malformed request).
 */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: ErrorCode) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(this.notFound, { id: value });
    return value.toLowerCase();
  }
}

@Injectable()
export class DossierIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.DossierNotFound);
  }
}

@Injectable()
export class UserIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.UserNotFound);
  }
}

@Injectable()
export class TokenIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.TokenNotFound);
  }
}

@Injectable()
export class DecisionIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.DecisionNotFound);
  }
}

@Injectable()
export class DelegationIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.DelegationNotFound);
  }
}
