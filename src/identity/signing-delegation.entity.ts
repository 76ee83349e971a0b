import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/** Which decisions a delegation lets the élu sign: every one, or those of one deciding body. */
export const DELEGATION_SCOPES = ['ALL', 'COMMISSION_PERMANENTE', 'CONSEIL_DEPARTEMENTAL'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

/**
 * An elected official's signing delegation, as the President's arrêté grants it: recorded
 * by one administrator, in force only once ANOTHER administrator (not the delegate)
 * confirms it, within [startsOn, endsOn], until revoked. Rows are never deleted: a
 * revocation is stamped, so that what was in force on a given day can be told afterwards.
 * Actors are kept as text ids, as in the journals (`system:migration` for the rows
 * converted from the former boolean).
 */
@Entity('signing_delegation')
@Index('IDX_signing_delegation_user', ['userId'])
@Check('CHK_signing_delegation_scope', `"scope" IN ('ALL', 'COMMISSION_PERMANENTE', 'CONSEIL_DEPARTEMENTAL')`)
@Check('CHK_signing_delegation_period', `"ends_on" IS NULL OR "ends_on" >= "starts_on"`)
@Check(
  'CHK_signing_delegation_confirmed',
  `("confirmed_by" IS NULL) = ("confirmed_at" IS NULL) AND ("confirmed_by" IS NULL OR "confirmed_by" <> "created_by")`,
)
@Check(
  'CHK_signing_delegation_revoked',
  `("revoked_at" IS NULL) = ("revoked_by" IS NULL) AND ("revoked_at" IS NULL) = ("revoked_reason" IS NULL)`,
)
export class SigningDelegation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_signing_delegation' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_signing_delegation_user' })
  user?: Relation<User>;

  @Column({ name: 'arrete_reference', type: 'varchar', length: 120 })
  arreteReference!: string;

  @Column({ name: 'arrete_date', type: 'date' })
  arreteDate!: string;

  @Column({ type: 'varchar', length: 32 })
  scope!: DelegationScope;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 100, nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}
