import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A service of the département (direction). The policy orientations name the services
 * concerned, and a committee member of the "departmental service" seat represents one.
 * Never deleted (past committees refer to it): deactivated instead.
 */
@Entity('departmental_service')
export class DepartmentalService {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
