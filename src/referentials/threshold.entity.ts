import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../database/columns.js';

/**
 * A configurable threshold with its legal source (DOMAIN: "keep every threshold in
 * configuration with its source, not as a literal in code"). Values are integers in the
 * unit their code names (basis points, cents, years, days, months).
 */
@Entity('threshold')
export class Threshold {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'varchar', length: 16 })
  unit!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  value!: number;

  @Column({ type: 'varchar', length: 300 })
  source!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
