import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { IsCleanText } from '../../common/validation.js';

/** The text fields of the multipart upload (the file itself is the `file` part). */
export class UploadDocumentDto {
  @ApiProperty({ description: 'Document type code from GET /api/document-types, e.g. STATUTS.' })
  @Matches(/^[A-Z0-9_]{1,50}$/, { message: 'type doit être un code de type de pièce (ex. STATUTS).' })
  type!: string;

  @ApiPropertyOptional({ description: 'Id of the version this upload replaces (a new version of that piece).' })
  @IsOptional()
  @IsUUID('all', { message: 'replaces doit être l’identifiant d’une pièce.' })
  replaces?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Free-text label, e.g. "Comptes 2025 certifiés".' })
  @IsOptional()
  @IsCleanText(200)
  label?: string;
}

/** For the OpenAPI document: the multipart body as a whole. */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file', 'type'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX or CSV.' },
    type: { type: 'string', example: 'STATUTS' },
    replaces: { type: 'string', format: 'uuid' },
    label: { type: 'string', maxLength: 200 },
  },
};
