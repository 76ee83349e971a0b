import { Check, Column, Entity } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { AnalysisRow, CONCLUSION_CHECK } from './analysis-columns.js';
import type { FinancialYear, FinancingPlan, FitConclusion, RecommendedInstruments } from './analysis.types.js';

/** Step 3: business model, financial statements, financing plan and need, recommended instruments. */
@Entity('economic_analysis')
@Check('CHK_economic_analysis_conclusion', CONCLUSION_CHECK)
export class EconomicAnalysis extends AnalysisRow {
  @Column({ type: 'text', nullable: true })
  environment!: string | null;

  @Column({ type: 'text', nullable: true })
  positioning!: string | null;

  @Column({ type: 'text', nullable: true })
  means!: string | null;

  @Column({ name: 'economic_and_financial', type: 'text', nullable: true })
  economicAndFinancial!: string | null;

  @Column({ type: 'text', nullable: true })
  risks!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  statements!: FinancialYear[];

  @Column({ name: 'financing_plan', type: 'jsonb', default: () => `'{"uses": [], "resources": []}'` })
  financingPlan!: FinancingPlan;

  @Column({ name: 'financing_need_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  financingNeedCents!: number | null;

  @Column({
    type: 'jsonb',
    default: () =>
      `'{"bankGuarantee": null, "solidarityLoan": null, "capitalStakeCents": null, "currentAccountAdvance": null}'`,
  })
  instruments!: RecommendedInstruments;

  @Column({ type: 'varchar', length: 32, nullable: true })
  conclusion!: FitConclusion | null;

  @Column({ type: 'text', nullable: true })
  comments!: string | null;
}
