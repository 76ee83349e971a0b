/** Read-only views computed from the analyses: the markers' radar and the amount check preview. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierListing } from '../read-models/dossier-listing.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import { EssPracticesAnalysis } from './ess-practices-analysis.entity.js';
import { renderRadarSvg } from './rules/radar-svg.js';

@Injectable()
export class AnalysesViewsService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referentials: ReferentialsService,
    private readonly listing: DossierListing,
  ) {}

  async radar(dossierId: string, actor: Actor): Promise<string> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const reference = await this.visibleReference(manager, dossierId, actor);
      const analysis = await manager.findOneBy(EssPracticesAnalysis, { dossierId });
      const markers = await this.referentials.markers(manager);
      return renderRadarSvg({
        title: `Marqueurs de transformation — dossier ${reference}`,
        markers: markers.map((marker) => ({
          label: marker.label,
          score: analysis?.markers.find((scored) => scored.marker === marker.code)?.score ?? null,
        })),
      });
    });
  }

  private async visibleReference(manager: EntityManager, dossierId: string, actor: Actor): Promise<string> {
    const condition = this.visibility.condition(actor);
    const row = await this.listing.one(dossierId, condition, manager);
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    return row.reference;
  }
}
