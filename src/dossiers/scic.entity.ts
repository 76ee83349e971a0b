import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const LEGAL_FORMS = ['SA', 'SAS', 'SARL'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** A SCIC, identified by its SIREN; it may file several requests over the years. */
@Entity('scic')
@Check('CHK_scic_legal_form', `"legal_form" IN ('SA', 'SAS', 'SARL')`)
@Check('CHK_scic_siren', `"siren" ~ '^[0-9]{9}$'`)
// Full-text search on the name (French), created by the migration: TypeORM does not
// model expression indexes, so it is told to leave this one alone.
@Index('IDX_scic_name_fts', { synchronize: false })
export class Scic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_scic_siren', { unique: true })
  @Column({ type: 'varchar', length: 9 })
  siren!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'legal_form', type: 'varchar', length: 4 })
  legalForm!: string;

  @Column({ type: 'varchar', length: 120 })
  commune!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
