import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { Scic } from './scic.entity.js';

/**
 * A SCIC's request for the département to subscribe shares, and where its instruction
 * stands. The workflow runner alone writes `state`, `snapshot`, `machine_version` and
 * `version`, inside its transition transaction.
 */
@Entity('dossier')
@Check('CHK_dossier_requested_amount', '"requested_amount_cents" > 0')
@Check('CHK_dossier_nominal_share_value', '"nominal_share_value_cents" > 0')
@Check('CHK_dossier_version', '"version" >= 1')
export class Dossier {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human reference, gap-free per year: SCIC-2026-0001. */
  @Index('UQ_dossier_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference!: string;

  @Column({ name: 'scic_id', type: 'uuid' })
  scicId!: string;

  @ManyToOne(() => Scic, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scic_id', foreignKeyConstraintName: 'FK_dossier_scic' })
  scic?: Relation<Scic>;

  @Column({ name: 'requested_amount_cents', type: 'bigint', transformer: bigintNumber })
  requestedAmountCents!: number;

  @Column({ name: 'nominal_share_value_cents', type: 'bigint', transformer: bigintNumber })
  nominalShareValueCents!: number;

  /** Dotted name of the machine's active state, e.g. `instruction.activity`. */
  @Index('IDX_dossier_state')
  @Column({ type: 'varchar', length: 64 })
  state!: string;

  @Column({ name: 'machine_version', type: 'int' })
  machineVersion!: number;

  /** The machine's persisted snapshot (with its history values). */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  /** Optimistic concurrency: +1 at every change, exposed as the ETag. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** The SCIC's contact for this request: where complement requests and the decision go. */
  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Index('IDX_dossier_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
