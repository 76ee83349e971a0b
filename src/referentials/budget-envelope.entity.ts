import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../database/columns.js';

/**
 * The year's budget envelope for SCIC capital stakes (DOMAIN rule 5): the amount the
 * assembly voted, under a programme authorisation. What remains is derived, never stored,
 * so that it cannot drift from the signed decisions.
 */
@Entity('budget_envelope')
@Check('CHK_budget_envelope_amount', '"amount_cents" > 0')
export class BudgetEnvelope {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  @Column({ name: 'programme_reference', type: 'varchar', length: 100 })
  programmeReference!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
