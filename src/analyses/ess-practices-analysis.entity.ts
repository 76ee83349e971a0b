import { Check, Column, Entity } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { AnalysisRow, CONCLUSION_CHECK } from './analysis-columns.js';
import type { FitConclusion, MarkerScore, MemberCategory, PublicHolder, VotingCollege } from './analysis.types.js';

/**
 * Step 2: the SCIC's social-economy practices, its cap table and the six transformation
 * markers. Lists are jsonb: they are read and written whole with the analysis, and
 * validated by the DTOs before they reach the database.
 */
@Entity('ess_practices_analysis')
@Check('CHK_ess_practices_analysis_conclusion', CONCLUSION_CHECK)
export class EssPracticesAnalysis extends AnalysisRow {
  @Column({ name: 'member_categories', type: 'jsonb', default: () => "'[]'" })
  memberCategories!: MemberCategory[];

  @Column({ name: 'has_voting_colleges', type: 'boolean', nullable: true })
  hasVotingColleges!: boolean | null;

  @Column({ name: 'voting_colleges', type: 'jsonb', default: () => "'[]'" })
  votingColleges!: VotingCollege[];

  @Column({ name: 'current_capital_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  currentCapitalCents!: number | null;

  @Column({ name: 'number_of_shares', type: 'bigint', nullable: true, transformer: bigintNumber })
  numberOfShares!: number | null;

  @Column({ name: 'public_holders', type: 'jsonb', default: () => "'[]'" })
  publicHolders!: PublicHolder[];

  @Column({ name: 'indivisible_reserves_bp', type: 'int', nullable: true })
  indivisibleReservesBasisPoints!: number | null;

  @Column({ name: 'legal_reserve_bp', type: 'int', nullable: true })
  legalReserveBasisPoints!: number | null;

  @Column({ name: 'legal_reserve_amount_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  legalReserveAmountCents!: number | null;

  @Column({ name: 'highest_capital_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  highestCapitalCents!: number | null;

  @Column({ name: 'interest_on_shares_bp', type: 'int', nullable: true })
  interestOnSharesBasisPoints!: number | null;

  @Column({ name: 'last_cooperative_revision_date', type: 'date', nullable: true })
  lastCooperativeRevisionDate!: string | null;

  @Column({ name: 'wage_scale_ratio', type: 'numeric', precision: 6, scale: 2, nullable: true })
  wageScaleRatio!: string | null;

  @Column({ type: 'text', nullable: true })
  governance!: string | null;

  @Column({ name: 'cooperative_project', type: 'text', nullable: true })
  cooperativeProject!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  markers!: MarkerScore[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  conclusion!: FitConclusion | null;

  @Column({ type: 'text', nullable: true })
  comments!: string | null;
}
