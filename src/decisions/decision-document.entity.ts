import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Decision } from './decision.entity.js';

/**
 * The signed decision's PDF, generated at signing and kept byte for byte in the same
 * transaction as the signature (no file to lose between two writes). Insert-only.
 */
@Entity('decision_document')
@Index('UQ_decision_document_sha256', ['sha256'], { unique: true })
export class DecisionDocument {
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @OneToOne(() => Decision, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'FK_decision_document_decision' })
  decision?: Relation<Decision>;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
