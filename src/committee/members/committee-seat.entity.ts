import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../identity/user.entity.js';
import { DepartmentalService } from '../../referentials/departmental-service.entity.js';

/**
 * A seat a user holds on the comité d'engagement, over a period: THE record of who sits
 * for what (the user's `committee_member` role only lets them act as one). A seat is
 * ended, never deleted, so that past sessions keep their composition; holding it again
 * is a new row. A member may hold several seats (a CDESS member who also represents a
 * solidarity-finance partner); one person still fills only one seat per dossier.
 */
@Entity('committee_seat')
@Index('IDX_committee_seat_user', ['userId'])
// One active seat of a kind per person (a service seat per service).
@Index('UQ_committee_seat_active', ['userId', 'category', 'serviceCode'], {
  unique: true,
  where: '"ended_at" IS NULL',
})
@Check(
  'CHK_committee_seat_category',
  `"category" IN ('DEPARTMENTAL_SERVICE', 'MISSION_ESS', 'CDESS_MEMBER', 'SOLIDARITY_FINANCE_PARTNER', 'QUALIFIED_PERSON')`,
)
@Check('CHK_committee_seat_service', `("category" = 'DEPARTMENTAL_SERVICE') = ("service_code" IS NOT NULL)`)
export class CommitteeSeat {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_committee_seat_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  /** The departmental service represented (referential code), for DEPARTMENTAL_SERVICE seats. */
  @Column({ name: 'service_code', type: 'varchar', length: 40, nullable: true })
  serviceCode!: string | null;

  @ManyToOne(() => DepartmentalService, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_code', foreignKeyConstraintName: 'FK_committee_seat_service' })
  service?: Relation<DepartmentalService>;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'started_by', type: 'varchar', length: 100 })
  startedBy!: string;

  /** Null while the seat is held. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'ended_by', type: 'varchar', length: 100, nullable: true })
  endedBy!: string | null;
}
