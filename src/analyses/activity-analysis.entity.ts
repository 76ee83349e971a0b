import { Check, Column, Entity } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { AnalysisRow, CONCLUSION_CHECK } from './analysis-columns.js';
import type { FitConclusion } from './analysis.types.js';

/** Step 1: the SCIC's activity indicators and its fit with the département's orientations. */
@Entity('activity_analysis')
@Check('CHK_activity_analysis_conclusion', CONCLUSION_CHECK)
export class ActivityAnalysis extends AnalysisRow {
  @Column({ name: 'creation_date', type: 'date', nullable: true })
  creationDate!: string | null;

  @Column({ name: 'registered_address', type: 'varchar', length: 300, nullable: true })
  registeredAddress!: string | null;

  @Column({ name: 'territory_served', type: 'varchar', length: 300, nullable: true })
  territoryServed!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  sector!: string | null;

  @Column({ name: 'activities_description', type: 'text', nullable: true })
  activitiesDescription!: string | null;

  @Column({ name: 'employees_fte', type: 'numeric', precision: 9, scale: 2, nullable: true })
  employeesFte!: string | null;

  @Column({ name: 'beneficiaries_reached', type: 'int', nullable: true })
  beneficiariesReached!: number | null;

  @Column({ name: 'turnover_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  turnoverCents!: number | null;

  @Column({ name: 'orientation_codes', type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  orientationCodes!: string[];

  @Column({ name: 'competence_code', type: 'varchar', length: 40, nullable: true })
  competenceCode!: string | null;

  @Column({ name: 'fit_assessment', type: 'text', nullable: true })
  fitAssessment!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  conclusion!: FitConclusion | null;

  @Column({ type: 'text', nullable: true })
  comments!: string | null;
}
