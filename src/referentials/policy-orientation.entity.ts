import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One of the département's policy orientations a SCIC's purpose may be attached to
 * (DOMAIN step 1), with the departmental competence it falls within — a département has
 * no general economic competence, so the link is what makes the stake lawful — and the
 * services that must sit on the committee for such a dossier (DOMAIN step 4 (a)).
 */
@Entity('policy_orientation')
export class PolicyOrientation {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ name: 'competence_code', type: 'varchar', length: 40 })
  competenceCode!: string;

  @Column({ name: 'competence_label', type: 'varchar', length: 200 })
  competenceLabel!: string;

  /** Codes of `departmental_service`: checked by the service on write. */
  @Column({ name: 'service_codes', type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  serviceCodes!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
