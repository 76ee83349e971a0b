/**
 * Columns every analysis row shares: one row per dossier (created at the first save),
 * its own version for optimistic concurrency (`If-Match`), and who saved it last.
 */
import { Column, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export abstract class AnalysisRow {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A conclusion column: FITS | FITS_WITH_RESERVATIONS | DOES_NOT_FIT, or none yet. */
export const CONCLUSION_CHECK = `"conclusion" IS NULL OR "conclusion" IN ('FITS', 'FITS_WITH_RESERVATIONS', 'DOES_NOT_FIT')`;
