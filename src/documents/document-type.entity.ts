import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The referential of the pieces a SCIC sends (statuts, K-bis, comptes annuels…), with
 * the instruction step that requires each. Seeded by the migration and kept in a table,
 * not in code, so that an administrator can adjust labels and requirements.
 */
@Entity('document_type')
@Check('CHK_document_type_required_step', `"required_step" IN ('activity', 'essPractices', 'economic')`)
export class DocumentType {
  /** Stable code used by the API, e.g. `STATUTS`. */
  @PrimaryColumn({ type: 'varchar', length: 50 })
  code!: string;

  /** French label shown to users and in messages. */
  @Column({ type: 'varchar', length: 200 })
  label!: string;

  /** The instruction step whose completion requires this piece; null when none does. */
  @Column({ name: 'required_step', type: 'varchar', length: 30, nullable: true })
  requiredStep!: string | null;

  /** Display order. */
  @Column({ type: 'int' })
  position!: number;
}
