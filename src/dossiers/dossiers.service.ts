import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DEADLINE_SQL } from '../deadlines/deadline-sql.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { JournalService } from '../journal/journal.service.js';
import type { DossierEventType } from '../workflow/dossier.events.js';
import { DOSSIER_MACHINE_VERSION } from '../workflow/dossier.machine.js';
import {
  STATE_LABELS,
  allowedEventsFor,
  initialPersistedSnapshot,
  migrateSnapshot,
  revive,
  type PersistedSnapshot,
} from '../workflow/dossier.workflow.js';
import { DossierListing, type DossierListingRow, type DossierListingSort } from '../read-models/dossier-listing.js';
import { wholeSharesProblems } from './amount-rules.js';
import type { CreateDossierDto, ScicIdentityDto } from './dto/create-dossier.dto.js';
import type { DossierSort, ListDossiersQuery } from './dto/list-dossiers.query.js';

export interface DossierView {
  id: string;
  reference: string;
  scic: { id: string; siren: string; name: string; legalForm: string; commune: string };
  requestedAmountCents: number;
  nominalShareValueCents: number;
  requestedShares: number;
  state: string;
  stateLabel: string;
  version: number;
  contactEmail: string | null;
  /** The current step's due date (YYYY-MM-DD), if it has one. */
  dueDate: string | null;
  overdue: boolean;
  allowedEvents: DossierEventType[];
  createdAt: string;
  updatedAt: string;
}

export type DossierSummary = Omit<DossierView, 'allowedEvents'>;

export interface DossierPage {
  items: DossierSummary[];
  page: number;
  pageSize: number;
  total: number;
}

/** The listing's row, with the machine's snapshot (to tell the events the caller may send). */
interface DossierRow extends DossierListingRow {
  machine_version: number;
  snapshot: PersistedSnapshot;
}

const DOSSIER_COLUMNS = `d.id, d.reference, d.scic_id, s.siren, s.name, s.legal_form, s.commune,
  d.requested_amount_cents, d.nominal_share_value_cents, d.state, d.machine_version,
  d.snapshot, d.version, d.contact_email, d.created_by, d.created_at, d.updated_at, ${DEADLINE_SQL.dueDate}`;
const SELECT_DOSSIER = `SELECT ${DOSSIER_COLUMNS} FROM dossier d JOIN scic s ON s.id = d.scic_id ${DEADLINE_SQL.join}`;

@Injectable()
export class DossiersService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly listing: DossierListing,
  ) {}

  /**
   * Registers a request in `draft`: the SCIC (by SIREN), the dossier with the next
   * reference of the year, and the journal's first entry, in one transaction.
   */
  async create(input: CreateDossierDto, actor: Actor): Promise<DossierView> {
    const problems = wholeSharesProblems(
      'requestedAmountCents',
      input.requestedAmountCents,
      input.nominalShareValueCents,
    );
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: p.field, messages: [p.message] })));

    const now = this.clock.now();
    const year = Number(isoDateIn(now, this.config.timeZone).slice(0, 4));
    const id = await this.dataSource.transaction(async (manager) => {
      const scic = await this.registerScic(manager, input.scic);
      // Concurrent creations queue on the year's counter row; a rollback returns the number.
      const [{ last_number: number }] = await manager.query<{ last_number: number }[]>(
        `INSERT INTO dossier_reference_counter (year, last_number) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = dossier_reference_counter.last_number + 1
         RETURNING last_number`,
        [year],
      );
      const reference = `SCIC-${year}-${String(number).padStart(4, '0')}`;
      const initial = initialPersistedSnapshot();
      const [dossier] = await manager.query<{ id: string }[]>(
        `INSERT INTO dossier (reference, scic_id, requested_amount_cents, nominal_share_value_cents, state,
                              machine_version, snapshot, version, created_by, created_at, updated_at, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9, $10) RETURNING id`,
        [
          reference,
          scic.id,
          input.requestedAmountCents,
          input.nominalShareValueCents,
          initial.state,
          DOSSIER_MACHINE_VERSION,
          initial.snapshot,
          actor.userId,
          now,
          input.contactEmail?.trim().toLowerCase() ?? null,
        ],
      );
      await this.journal.append(
        manager,
        dossier.id,
        {
          type: 'DOSSIER_CREATED',
          actor,
          payload: {
            reference,
            scic: { ...input.scic },
            requestedAmountCents: input.requestedAmountCents,
            nominalShareValueCents: input.nominalShareValueCents,
            contactEmail: input.contactEmail?.trim().toLowerCase(),
            state: initial.state,
          },
        },
        now,
      );
      return dossier.id;
    });
    return this.get(id, actor);
  }

  private today(): string {
    return isoDateIn(this.clock.now(), this.config.timeZone);
  }

  /** Dossiers per state, and how many of them are past their step's due date (dashboard). */
  async overview(actor: Actor): Promise<{ state: string; stateLabel: string; total: number; overdue: number }[]> {
    const visible = this.visibility.condition(actor);
    const rows = await this.dataSource.query<{ state: string; total: number; overdue: number }[]>(
      `SELECT d.state, count(*)::int AS total, count(*) FILTER (WHERE ${DEADLINE_SQL.overdue('$1')})::int AS overdue
         FROM dossier d ${DEADLINE_SQL.join} ${visible ? `WHERE ${visible}` : ''}
        GROUP BY d.state ORDER BY d.state`,
      [this.today()],
    );
    return rows.map((row) => ({ ...row, stateLabel: STATE_LABELS[row.state] ?? row.state }));
  }

  /** What a notification says about a dossier and whom it concerns. */
  async notificationFacts(id: string): Promise<{
    reference: string;
    scicName: string;
    state: string;
    contactEmail: string | null;
    createdBy: string;
  } | null> {
    const [row] = await this.dataSource.query<
      { reference: string; name: string; state: string; contact_email: string | null; created_by: string }[]
    >(
      'SELECT d.reference, s.name, d.state, d.contact_email, d.created_by FROM dossier d JOIN scic s ON s.id = d.scic_id WHERE d.id = $1',
      [id],
    );
    return row
      ? {
          reference: row.reference,
          scicName: row.name,
          state: row.state,
          contactEmail: row.contact_email,
          createdBy: row.created_by,
        }
      : null;
  }

  /**
   * The SCIC of this SIREN: registered now, or the one already known when the identity
   * given is the same. A different identity is refused rather than silently rewritten
   * under the other dossiers of that SCIC (their journals would not say so).
   */
  private async registerScic(manager: EntityManager, scic: ScicIdentityDto): Promise<{ id: string }> {
    const identity = { name: scic.name.trim(), legalForm: scic.legalForm, commune: scic.commune.trim() };
    await manager.query(
      `INSERT INTO scic (siren, name, legal_form, commune) VALUES ($1, $2, $3, $4) ON CONFLICT (siren) DO NOTHING`,
      [scic.siren, identity.name, identity.legalForm, identity.commune],
    );
    const [known] = await manager.query<{ id: string; name: string; legal_form: string; commune: string }[]>(
      'SELECT id, name, legal_form, commune FROM scic WHERE siren = $1',
      [scic.siren],
    );
    const registered = { name: known.name, legalForm: known.legal_form, commune: known.commune };
    const differing = (Object.keys(identity) as (keyof typeof identity)[]).filter(
      (key) => identity[key] !== registered[key],
    );
    if (differing.length) {
      throw new DomainError(
        ErrorCode.ScicIdentityMismatch,
        { siren: scic.siren, differing: differing.map((field) => `scic.${field}`), registered },
        `La SCIC de SIREN ${scic.siren} est déjà enregistrée sous une autre identité (${registered.name}, ${registered.legalForm}, ${registered.commune}).`,
      );
    }
    return known;
  }

  async get(id: string, actor: Actor): Promise<DossierView> {
    const visible = this.visibility.condition(actor);
    const [row] = await this.dataSource.query<DossierRow[]>(
      `${SELECT_DOSSIER} WHERE d.id = $1${visible ? ` AND ${visible}` : ''}`,
      [id],
    );
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id });
    const snapshot = revive(migrateSnapshot(row.snapshot, row.machine_version));
    return { ...toSummary(row, this.today()), allowedEvents: allowedEventsFor(snapshot, [actor.role]) };
  }

  async list(query: ListDossiersQuery, actor: Actor): Promise<DossierPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const visible = this.visibility.condition(actor);
    const today = this.today();
    const sort: DossierSort = query.sort ?? '-createdAt';
    const { rows, total } = await this.listing.page({
      visible,
      state: query.state,
      q: query.q,
      year: query.year,
      timeZone: this.config.timeZone,
      orientation: query.orientation,
      overdueBefore: query.overdue === 'true' ? today : undefined,
      sort: { column: sort.replace(/^-/, '') as DossierListingSort, descending: sort.startsWith('-') },
      page,
      pageSize,
    });
    return { items: rows.map((row) => toSummary(row, today)), page, pageSize, total };
  }
}

function toSummary(row: DossierListingRow, today: string): DossierSummary {
  const requested = Number(row.requested_amount_cents);
  const nominal = Number(row.nominal_share_value_cents);
  return {
    id: row.id,
    reference: row.reference,
    scic: { id: row.scic_id, siren: row.siren, name: row.name, legalForm: row.legal_form, commune: row.commune },
    requestedAmountCents: requested,
    nominalShareValueCents: nominal,
    requestedShares: requested / nominal,
    state: row.state,
    stateLabel: STATE_LABELS[row.state] ?? row.state,
    version: row.version,
    contactEmail: row.contact_email,
    dueDate: row.due_date,
    overdue: row.due_date !== null && row.due_date < today,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
