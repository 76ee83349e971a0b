import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface MarkerLevel {
  level: number;
  label: string;
  example: string;
}

/** One of the six transformation markers of step 2, with the label and example of each level 0–3. */
@Entity('transformation_marker')
export class TransformationMarker {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  /** Order on the radar and in forms. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'jsonb' })
  levels!: MarkerLevel[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
