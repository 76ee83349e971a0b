/**
 * The département's referentials: services, policy orientations, transformation markers
 * and thresholds. Seeded by the migration, edited by the administrator. Readers that
 * decide inside a transaction (the workflow's facts, an analysis being saved) pass their
 * manager so that they see what that transaction sees.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { THRESHOLD_CODES, type ThresholdCode, type Thresholds } from '../analyses/analysis.types.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { DepartmentalService } from './departmental-service.entity.js';
import type {
  DepartmentalServiceDto,
  PolicyOrientationDto,
  ThresholdDto,
  TransformationMarkerDto,
} from './dto/referential.dto.js';
import { PolicyOrientation } from './policy-orientation.entity.js';
import { Threshold } from './threshold.entity.js';
import { TransformationMarker } from './transformation-marker.entity.js';

@Injectable()
export class ReferentialsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  services(manager: EntityManager = this.dataSource.manager): Promise<DepartmentalService[]> {
    return manager.find(DepartmentalService, { order: { code: 'ASC' } });
  }

  orientations(manager: EntityManager = this.dataSource.manager): Promise<PolicyOrientation[]> {
    return manager.find(PolicyOrientation, { order: { code: 'ASC' } });
  }

  markers(manager: EntityManager = this.dataSource.manager): Promise<TransformationMarker[]> {
    return manager.find(TransformationMarker, { order: { position: 'ASC' } });
  }

  thresholdRows(manager: EntityManager = this.dataSource.manager): Promise<Threshold[]> {
    return manager.find(Threshold, { order: { code: 'ASC' } });
  }

  /** Every threshold by code; one missing from the table is a deployment error, said plainly. */
  async thresholds(manager: EntityManager = this.dataSource.manager): Promise<Thresholds> {
    const rows = await this.thresholdRows(manager);
    const values = Object.fromEntries(rows.map((row) => [row.code, row.value])) as Partial<
      Record<ThresholdCode, number>
    >;
    const missing = THRESHOLD_CODES.filter((code) => values[code] === undefined);
    if (missing.length) throw new Error(`thresholds missing from the referential: ${missing.join(', ')}`);
    return values as Thresholds;
  }

  async updateService(code: string, body: DepartmentalServiceDto): Promise<DepartmentalService> {
    const repository = this.dataSource.getRepository(DepartmentalService);
    const service = await repository.findOneBy({ code });
    if (!service) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
    return repository.save(Object.assign(service, body));
  }

  async updateOrientation(code: string, body: PolicyOrientationDto): Promise<PolicyOrientation> {
    return this.dataSource.transaction(async (manager) => {
      const orientation = await manager.findOneBy(PolicyOrientation, { code });
      if (!orientation) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
      const serviceCodes = [...new Set(body.serviceCodes)];
      const known = await manager.findBy(DepartmentalService, { code: In(serviceCodes) });
      const unknown = serviceCodes.filter((service) => !known.some((row) => row.code === service));
      if (unknown.length) {
        throw validationFailed([
          { field: 'serviceCodes', messages: [`Service(s) inconnu(s) : ${unknown.join(', ')}.`] },
        ]);
      }
      return manager.save(Object.assign(orientation, { ...body, serviceCodes }));
    });
  }

  async updateMarker(code: string, body: TransformationMarkerDto): Promise<TransformationMarker> {
    const repository = this.dataSource.getRepository(TransformationMarker);
    const marker = await repository.findOneBy({ code });
    if (!marker) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
    const levels = [...body.levels].sort((a, b) => a.level - b.level);
    if (levels.some((level, index) => level.level !== index)) {
      throw validationFailed([
        { field: 'levels', messages: ['Les niveaux doivent être 0, 1, 2 et 3, une fois chacun.'] },
      ]);
    }
    return repository.save(Object.assign(marker, { label: body.label, description: body.description, levels }));
  }

  async updateThreshold(code: string, body: ThresholdDto): Promise<Threshold> {
    const repository = this.dataSource.getRepository(Threshold);
    const threshold = await repository.findOneBy({ code });
    if (!threshold) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
    if (threshold.unit === 'BASIS_POINTS' && body.value > 10_000) {
      throw validationFailed([
        { field: 'value', messages: ['Un taux ne peut pas dépasser 10 000 points de base (100 %).'] },
      ]);
    }
    return repository.save(Object.assign(threshold, body));
  }
}
