import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * One role a user holds, with what qualifies it: the committee seat (and the service a
 * departmental-service member represents), or an elected official's signing delegation.
 */
@Entity('user_role')
@Index('UQ_user_role_user_role', ['userId', 'role'], { unique: true })
@Check(
  'CHK_user_role_role',
  `"role" IN ('instructor', 'committee_member', 'committee_secretary', 'elected_official', 'admin', 'viewer')`,
)
@Check(
  'CHK_user_role_seat',
  `("role" = 'committee_member') = ("seat_category" IS NOT NULL) AND ("seat_category" = 'DEPARTMENTAL_SERVICE') = ("departmental_service" IS NOT NULL)`,
)
export class UserRole {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, (user) => user.roles, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_role_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  role!: string;

  @Column({ name: 'seat_category', type: 'varchar', length: 32, nullable: true })
  seatCategory!: string | null;

  @Column({ name: 'departmental_service', type: 'varchar', length: 120, nullable: true })
  departmentalService!: string | null;

  @Column({ name: 'signing_delegation', type: 'boolean', default: false })
  signingDelegation!: boolean;

  @Column({ name: 'delegation_reference', type: 'varchar', length: 120, nullable: true })
  delegationReference!: string | null;
}
