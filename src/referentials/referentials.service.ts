/**
 * The département's referentials: services, policy orientations, transformation markers
 * and thresholds. Seeded by the migration, edited by the administrator — each change
 * with its reason in the administration journal, in the same transaction. Readers that
 * decide inside a transaction (the workflow's facts, an analysis being saved) pass their
 * manager so that they see what that transaction sees.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { THRESHOLD_CODES, type ThresholdCode, type Thresholds } from '../analyses/analysis.types.js';
import { thresholdBoundViolation, type ThresholdBound } from '../analyses/rules/threshold-bounds.js';
import { THRESHOLD_DEFINITIONS, type ThresholdDefinition } from '../analyses/rules/thresholds.js';
import type { Actor } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly adminJournal: AdminJournalService,
  ) {}

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

  async updateService(code: string, body: DepartmentalServiceDto, actor: Actor): Promise<DepartmentalService> {
    return this.dataSource.transaction(async (manager) => {
      const service = await this.locked(manager, DepartmentalService, code);
      const before = { label: service.label, active: service.active };
      const saved = await manager.save(Object.assign(service, { label: body.label, active: body.active }));
      await this.journalChange(
        manager,
        actor,
        'service',
        code,
        before,
        { label: saved.label, active: saved.active },
        body,
      );
      return saved;
    });
  }

  async updateOrientation(code: string, body: PolicyOrientationDto, actor: Actor): Promise<PolicyOrientation> {
    return this.dataSource.transaction(async (manager) => {
      const orientation = await this.locked(manager, PolicyOrientation, code);
      const serviceCodes = [...new Set(body.serviceCodes)];
      const known = await manager.findBy(DepartmentalService, { code: In(serviceCodes) });
      const unknown = serviceCodes.filter((service) => !known.some((row) => row.code === service));
      if (unknown.length) {
        throw validationFailed([
          { field: 'serviceCodes', messages: [`Service(s) inconnu(s) : ${unknown.join(', ')}.`] },
        ]);
      }
      const before = orientationFields(orientation);
      const { reason: _reason, ...fields } = body;
      const saved = await manager.save(Object.assign(orientation, { ...fields, serviceCodes }));
      await this.journalChange(manager, actor, 'orientation', code, before, orientationFields(saved), body);
      return saved;
    });
  }

  async updateMarker(code: string, body: TransformationMarkerDto, actor: Actor): Promise<TransformationMarker> {
    const levels = [...body.levels].sort((a, b) => a.level - b.level);
    if (levels.some((level, index) => level.level !== index)) {
      throw validationFailed([
        { field: 'levels', messages: ['Les niveaux doivent être 0, 1, 2 et 3, une fois chacun.'] },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const marker = await this.locked(manager, TransformationMarker, code);
      const before = { label: marker.label, description: marker.description, levels: marker.levels };
      const saved = await manager.save(
        Object.assign(marker, {
          label: body.label,
          description: body.description,
          levels: levels.map(({ level, label, example }) => ({ level, label, example })),
        }),
      );
      const after = { label: saved.label, description: saved.description, levels: saved.levels };
      await this.journalChange(manager, actor, 'marker', code, before, after, body);
      return saved;
    });
  }

  /** The thresholds with the bound an administrator's change must respect (null for one the code no longer defines). */
  async thresholdsWithBounds(): Promise<(Threshold & { bound: ThresholdBound | null })[]> {
    const rows = await this.thresholdRows();
    return rows.map((row) => Object.assign(row, { bound: definitionOf(row.code)?.bound ?? null }));
  }

  /**
   * Sets a threshold within its legal bound (threshold-bounds.ts). The threshold and the
   * one it is tied to (the colleges' minimum and maximum) are locked together, in code
   * order, so that two concurrent changes of a pair cannot each pass against the other's
   * old value.
   */
  async updateThreshold(code: string, body: ThresholdDto, actor: Actor): Promise<Threshold> {
    const definition = definitionOf(code);
    if (!definition) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
    const tied = [definition.bound.notAbove, definition.bound.notBelow].filter((other) => other !== undefined);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .createQueryBuilder(Threshold, 'threshold')
        .setLock('pessimistic_write')
        .where('threshold.code IN (:...codes)', { codes: [code, ...tied] })
        .orderBy('threshold.code')
        .getMany();
      const threshold = rows.find((row) => row.code === code);
      if (!threshold) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
      const problem = thresholdBoundViolation(definition, body.value, (other) =>
        rows.find((row) => row.code === other),
      );
      if (problem) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          { fields: [{ field: 'value', messages: [problem] }], code, value: body.value, bound: definition.bound },
          problem,
        );
      }
      const before = { value: threshold.value, source: threshold.source };
      const saved = await manager.save(Object.assign(threshold, { value: body.value, source: body.source }));
      await this.journalChange(
        manager,
        actor,
        'threshold',
        code,
        before,
        { value: saved.value, source: saved.source },
        body,
      );
      return saved;
    });
  }

  /** The entry, its row locked until the change is journaled; 404 when unknown. */
  private async locked<Entry extends object>(
    manager: EntityManager,
    entity: new () => Entry,
    code: string,
  ): Promise<Entry> {
    const entry = await manager.findOne(entity, {
      where: { code } as unknown as FindOptionsWhere<Entry>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!entry) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { code });
    return entry;
  }

  /** The change, its before, after and reason, in the administration journal, in the change's transaction. */
  private async journalChange(
    manager: EntityManager,
    actor: Actor,
    kind: 'service' | 'orientation' | 'marker' | 'threshold',
    code: string,
    before: unknown,
    after: unknown,
    body: { reason: string },
  ): Promise<void> {
    await this.adminJournal.append(
      manager,
      {
        type: `${kind.toUpperCase()}_CHANGED`,
        actor,
        subject: { kind, id: code },
        before,
        after,
        reason: body.reason.trim(),
      },
      this.clock.now(),
    );
  }
}

function definitionOf(code: string): ThresholdDefinition | undefined {
  return THRESHOLD_DEFINITIONS.find((definition) => definition.code === code);
}

function orientationFields(orientation: PolicyOrientation) {
  const { label, competenceCode, competenceLabel, serviceCodes, active } = orientation;
  return { label, competenceCode, competenceLabel, serviceCodes, active };
}
