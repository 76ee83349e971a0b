import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from './errors/domain-error.js';
import { ErrorCode } from './errors/error-code.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A dossier id that is not a UUID names no dossier: 404, without asking the database. */
@Injectable()
export class DossierIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(ErrorCode.DossierNotFound, { id: value });
    return value.toLowerCase();
  }
}
