import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTRUCTION_STEPS } from '../../workflow/dossier.events.js';

export class DocumentTypeView {
  @ApiProperty({ example: 'STATUTS' }) code!: string;
  @ApiProperty({ example: 'Statuts' }) label!: string;
  @ApiProperty({ enum: INSTRUCTION_STEPS, nullable: true, description: 'The step whose completion requires it.' })
  requiredStep!: string | null;
  @ApiProperty() position!: number;
}

export class ReplacedView {
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
}

export class DocumentView {
  @ApiProperty() id!: string;
  @ApiProperty() dossierId!: string;
  @ApiProperty({ example: 'STATUTS' }) type!: string;
  @ApiProperty({ example: 'Statuts' }) typeLabel!: string;
  @ApiProperty({ description: 'Id of the first version: shared by every version of the piece.' }) pieceId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) replacesId!: string | null;
  @ApiProperty({ description: 'True when a newer version of this piece exists.' }) superseded!: boolean;
  @ApiPropertyOptional({ type: ReplacedView, nullable: true, description: 'Set when marked replaced.' })
  replaced!: ReplacedView | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the content.' }) sha256!: string;
  @ApiProperty() uploadedAt!: string;
  @ApiProperty() uploadedBy!: string;
}

export class ChecklistItemView {
  @ApiProperty({ enum: INSTRUCTION_STEPS }) step!: string;
  @ApiProperty() type!: string;
  @ApiProperty() label!: string;
  @ApiProperty() present!: boolean;
  @ApiProperty({ nullable: true, type: String }) documentId!: string | null;
}

export class DocumentListView {
  @ApiProperty({ type: [DocumentView] }) items!: DocumentView[];
  @ApiProperty({ type: [ChecklistItemView], description: 'Required pieces per step and whether each is present.' })
  checklist!: ChecklistItemView[];
}
