/**
 * Reads of the dossier and SCIC tables for the other modules (typed through the
 * entities): they never name these tables in their own SQL. Each method takes an
 * optional manager, to read inside the caller's transaction.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { Dossier } from './dossier.entity.js';
import { Scic } from './scic.entity.js';

/** A dossier with its SCIC, without the machine snapshot. */
export interface DossierSummary {
  id: string;
  reference: string;
  state: string;
  version: number;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  contactEmail: string | null;
  createdBy: string;
  createdAt: Date;
  scic: { id: string; siren: string; name: string; legalForm: string; commune: string };
}

@Injectable()
export class DossierReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The dossier, or 404. */
  async get(dossierId: string, manager: EntityManager = this.dataSource.manager): Promise<DossierSummary> {
    const [summary] = await this.many([dossierId], manager);
    if (!summary) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    return summary;
  }

  /** The dossiers found among `ids`, in no particular order. */
  async many(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<DossierSummary[]> {
    if (ids.length === 0) return [];
    const dossiers = await manager.find(Dossier, {
      where: { id: In([...new Set(ids.map((id) => id.toLowerCase()))]) },
      relations: { scic: true },
      select: {
        id: true,
        reference: true,
        state: true,
        version: true,
        requestedAmountCents: true,
        nominalShareValueCents: true,
        contactEmail: true,
        createdBy: true,
        createdAt: true,
        scic: { id: true, siren: true, name: true, legalForm: true, commune: true },
      },
    });
    return dossiers.map((dossier) => ({ ...dossier, scic: dossier.scic as Scic }));
  }

  /** Every dossier's state and version, in one query (the journal cross-checks its chains with them). */
  async versions(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; state: string; version: number }[]> {
    const dossiers = await manager.find(Dossier, { select: { id: true, state: true, version: true } });
    return dossiers.map(({ id, state, version }) => ({ id, state, version }));
  }

  /** The ids of every dossier of the SCIC. */
  async idsOfScic(scicId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const dossiers = await manager.find(Dossier, { select: { id: true }, where: { scicId } });
    return dossiers.map((dossier) => dossier.id);
  }

  /**
   * Whether the dossier exists and meets `condition`, SQL on the dossier aliased `d` (the
   * caller's visibility, from DossierVisibility); null: no condition.
   */
  async exists(
    dossierId: string,
    condition: string | null = null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM dossier d WHERE d.id = $1${condition ? ` AND ${condition}` : ''}`,
      [dossierId],
    );
    return rows.length > 0;
  }
}
