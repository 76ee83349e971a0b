/**
 * What other modules may read of the analyses (STYLE: no module reaches into another's
 * tables). The committee asks which departmental services must sit for a dossier.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CapTableFigures } from '../dossiers/amount-rules.js';
import { ReferentialsReader, type ServiceRef } from '../referentials/referentials-reader.js';
import { ActivityAnalysis } from './activity-analysis.entity.js';
import { EssPracticesAnalysis } from './ess-practices-analysis.entity.js';
import { publicHoldingsFigures } from './rules/public-holdings.js';

@Injectable()
export class AnalysesReader {
  constructor(private readonly referentials: ReferentialsReader) {}

  /**
   * The departmental services attached to the policy orientations chosen in step 1
   * (DOMAIN step 4 (a)); empty while step 1 names none. Reads through the caller's
   * manager so that it sees the caller's transaction.
   */
  async servicesConcerned(manager: EntityManager, dossierId: string): Promise<ServiceRef[]> {
    const activity = await manager.findOne(ActivityAnalysis, {
      where: { dossierId },
      select: { dossierId: true, orientationCodes: true },
    });
    return this.referentials.servicesOfOrientations(manager, activity?.orientationCodes ?? []);
  }

  /**
   * Step 2's cap table as the amount gate reads it: `null` while the current capital is
   * not filled in (the public cap cannot be judged yet).
   */
  async capTable(manager: EntityManager, dossierId: string): Promise<CapTableFigures | null> {
    const analysis = await manager.findOneBy(EssPracticesAnalysis, { dossierId });
    if (analysis?.currentCapitalCents == null) return null;
    return { currentCapitalCents: analysis.currentCapitalCents, ...publicHoldingsFigures(analysis) };
  }
}
