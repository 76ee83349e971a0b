import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * One role a user holds. An elected official's signing delegation is a recorded act of
 * its own (`signing_delegation`), and a committee member's seats (and the service a
 * departmental-service member represents) are kept, with their history, by the committee
 * module (`committee_seat`). `admin` never goes with a deciding role (separation of
 * duties): the service refuses it and a trigger of the database holds it.
 */
@Entity('user_role')
@Index('UQ_user_role_user_role', ['userId', 'role'], { unique: true })
@Check(
  'CHK_user_role_role',
  `"role" IN ('instructor', 'committee_member', 'committee_secretary', 'elected_official', 'admin', 'viewer')`,
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
}
