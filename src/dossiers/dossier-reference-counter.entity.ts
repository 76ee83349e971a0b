import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last reference number given per year. Incremented by an upsert inside the creation
 * transaction: concurrent creations queue on the row, and a rolled-back creation rolls
 * its number back, so references stay gap-free.
 */
@Entity('dossier_reference_counter')
export class DossierReferenceCounter {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber!: number;
}
