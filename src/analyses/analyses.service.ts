/**
 * Reads and saves the three instruction analyses. A save is one transaction: lock the
 * dossier row (so a save and a transition never interleave), check the dossier is at
 * the analysis's step, check the analysis version the client saw, write the row and a
 * journal entry with the field-level diff — all or nothing.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { DossierReader, type DossierSummary } from '../dossiers/dossier-reader.js';
import { JournalService } from '../journal/journal.service.js';
import { DossierListing } from '../read-models/dossier-listing.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import type { Problem } from '../workflow/dossier.events.js';
import type { AnalysisRow } from './analysis-columns.js';
import { STEP_DEFINITIONS, type AnalysisStep, type EvaluationContext, type StepDefinition } from './analysis-steps.js';
import { fieldDiff } from './field-diff.js';
import { scicAdvanceFacts } from '../advances/advance-history.js';

export interface AnalysisView {
  dossierId: string;
  step: AnalysisStep;
  /** 0 until the first save; the ETag of the analysis. */
  version: number;
  /** Whether the dossier is at this step, so the analysis may be saved. */
  writable: boolean;
  data: unknown;
  complete: boolean;
  problems: Problem[];
  updatedBy: string | null;
  updatedAt: Date | null;
  [computed: string]: unknown;
}

/** What an analysis needs of its dossier: the step it is at, the amounts, the SCIC (its advances). */
interface DossierFigures {
  state: string;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  scicId: string;
}

@Injectable()
export class AnalysesService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    private readonly referentials: ReferentialsService,
    private readonly dossiers: DossierReader,
    private readonly dossierLock: DossierLock,
    private readonly listing: DossierListing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(step: AnalysisStep, dossierId: string, actor: Actor): Promise<AnalysisView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const dossier = await this.dossier(manager, dossierId, actor, false);
      const definition = STEP_DEFINITIONS[step];
      const row = await manager.findOneBy(definition.entity, { dossierId });
      return this.view(manager, definition, dossierId, dossier, row);
    });
  }

  async save(
    step: AnalysisStep,
    dossierId: string,
    body: object,
    actor: Actor,
    expectedVersion: number | undefined,
  ): Promise<AnalysisView> {
    const definition = STEP_DEFINITIONS[step];
    return this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossier(manager, dossierId, actor, true);
      if (dossier.state !== `instruction.${step}`) {
        throw new DomainError(ErrorCode.AnalysisNotWritable, { step, currentState: dossier.state });
      }
      const row = await manager.findOneBy(definition.entity, { dossierId });
      const currentVersion = row?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw new DomainError(ErrorCode.AnalysisVersionMismatch, { expectedVersion, currentVersion });
      }
      const before = row ? definition.toData(row) : definition.empty();
      // A PUT replaces the analysis: what the body leaves out is empty, not kept.
      const after = withDefaults(definition.empty(), body);
      const context = await this.context(manager, dossier);
      const inputProblems = definition.inputProblems(after, context);
      if (inputProblems.length) {
        throw validationFailed(inputProblems.map((problem) => ({ field: problem.field, messages: [problem.message] })));
      }
      const changes = fieldDiff(before, after);
      if (!changes.length) return this.view(manager, definition, dossierId, dossier, row, context);

      const now = this.clock.now();
      const saved = await manager.save(
        manager.create(definition.entity, {
          ...definition.toColumns(after),
          dossierId,
          version: currentVersion + 1,
          updatedBy: actor.userId,
          updatedAt: now,
        }),
      );
      await this.journal.append(
        manager,
        dossierId,
        { type: 'ANALYSIS_UPDATED', actor, payload: { step, version: saved.version, changes } },
        now,
      );
      return this.view(manager, definition, dossierId, dossier, saved, context);
    });
  }

  /**
   * The analysis as `get` shows it, read through the caller's manager, for a caller that
   * has already checked the dossier's visibility: the note de synthèse reads the three
   * analyses and the amounts in one snapshot.
   */
  async viewIn(manager: EntityManager, step: AnalysisStep, dossierId: string): Promise<AnalysisView> {
    const dossier = figures(await this.dossiers.get(dossierId, manager));
    const definition = STEP_DEFINITIONS[step];
    const row = await manager.findOneBy(definition.entity, { dossierId });
    return this.view(manager, definition, dossierId, dossier, row);
  }

  /** Problems that keep `step` from completing, read in the runner's transaction (the workflow's facts). */
  async completionProblems(manager: EntityManager, step: AnalysisStep, dossierId: string): Promise<Problem[]> {
    const definition = STEP_DEFINITIONS[step];
    const dossier = figures(await this.dossiers.get(dossierId, manager));
    const row = await manager.findOneBy(definition.entity, { dossierId });
    const data = row ? definition.toData(row) : definition.empty();
    return definition.evaluate(data, await this.context(manager, dossier)).problems;
  }

  /**
   * The dossier, locked for a save; 404 when it does not exist or the caller may not see
   * it. A hidden dossier is never locked: the lock is taken after the visibility check,
   * and the figures are the locked row's.
   */
  private async dossier(manager: EntityManager, id: string, actor: Actor, lock: boolean): Promise<DossierFigures> {
    const condition = this.visibility.condition(actor);
    const row = await this.listing.one(id, condition, manager);
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id });
    if (lock) return this.dossierLock.lock(manager, id);
    return {
      state: row.state,
      requestedAmountCents: Number(row.requested_amount_cents),
      nominalShareValueCents: Number(row.nominal_share_value_cents),
      scicId: row.scic_id,
    };
  }

  private async context(manager: EntityManager, dossier: DossierFigures): Promise<EvaluationContext> {
    return {
      orientations: await this.referentials.orientations(manager),
      thresholds: await this.referentials.thresholds(manager),
      today: isoDateIn(this.clock.now(), this.config.timeZone),
      requestedAmountCents: dossier.requestedAmountCents,
      nominalShareValueCents: dossier.nominalShareValueCents,
      advances: await scicAdvanceFacts(manager, dossier.scicId),
    };
  }

  private async view(
    manager: EntityManager,
    definition: StepDefinition<unknown>,
    dossierId: string,
    dossier: DossierFigures,
    row: AnalysisRow | null,
    context?: EvaluationContext,
  ): Promise<AnalysisView> {
    const data = row ? definition.toData(row) : definition.empty();
    const { complete, problems, computed } = definition.evaluate(
      data,
      context ?? (await this.context(manager, dossier)),
    );
    return {
      dossierId,
      step: definition.step,
      version: row?.version ?? 0,
      writable: dossier.state === `instruction.${definition.step}`,
      data,
      complete,
      problems,
      ...computed,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }
}

function figures(dossier: DossierSummary): DossierFigures {
  return {
    state: dossier.state,
    requestedAmountCents: dossier.requestedAmountCents,
    nominalShareValueCents: dossier.nominalShareValueCents,
    scicId: dossier.scic.id,
  };
}

/**
 * The empty analysis overlaid with the body, recursively for nested objects (a narrative
 * sent with two sections leaves the others null). Class instances from the validation
 * pipe become plain data, so that the diff and the jsonb columns see plain values.
 */
function withDefaults<T>(empty: T, body: unknown): T {
  const plain = JSON.parse(JSON.stringify(body ?? {})) as Record<string, unknown>;
  const merge = (base: unknown, input: unknown): unknown => {
    // Absent, or null where the analysis holds a list or a group: empty, as if left out.
    if (input === undefined || (input === null && base !== null && typeof base === 'object')) return base;
    if (base && typeof base === 'object' && !Array.isArray(base) && input && typeof input === 'object') {
      const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      for (const [key, value] of Object.entries(input)) result[key] = merge(result[key], value);
      return result;
    }
    return input;
  };
  return merge(empty, plain) as T;
}
