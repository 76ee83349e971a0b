/**
 * `rm_dossier_listing`: a dossier with its SCIC, its step's due date (deadlines) and the
 * policy orientations of step 1 (analyses), one row per dossier. Read by the dossiers
 * listing and by the few reads that check a dossier against the caller's visibility
 * condition (a condition on the alias `d`, which this view keeps: `d.id`, `d.state`).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export const DOSSIER_LISTING_VIEW = 'rm_dossier_listing';

/** A row as the readers return it (the amounts are bigint, so strings; the due date is YYYY-MM-DD). */
export interface DossierListingRow {
  id: string;
  reference: string;
  scic_id: string;
  siren: string;
  name: string;
  legal_form: string;
  commune: string;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
  state: string;
  version: number;
  contact_email: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  due_date: string | null;
}

/** The listing's filters; `visible` is the caller's visibility condition on `d` (null: sees all). */
export interface DossierListingFilter {
  visible: string | null;
  /** A state, or a parent state matching all its steps (`instruction`). */
  state?: string;
  /** Part of the reference, the start of the SIREN, or words of the SCIC's name. */
  q?: string;
  /** The year of creation, in `timeZone`. */
  year?: number;
  timeZone: string;
  orientation?: string;
  /** Only the dossiers whose step was due before this day (YYYY-MM-DD). */
  overdueBefore?: string;
  sort: { column: DossierListingSort; descending: boolean };
  page: number;
  pageSize: number;
}

export type DossierListingSort = 'createdAt' | 'reference' | 'name' | 'requestedAmountCents' | 'updatedAt';

const SORT_SQL: Record<DossierListingSort, string> = {
  createdAt: 'd.created_at',
  reference: 'd.reference',
  name: 'd.name',
  requestedAmountCents: 'd.requested_amount_cents',
  updatedAt: 'd.updated_at',
};

const COLUMNS = `d.id, d.reference, d.scic_id, d.siren, d.name, d.legal_form, d.commune,
  d.requested_amount_cents, d.nominal_share_value_cents, d.state, d.version, d.contact_email,
  d.created_by, d.created_at, d.updated_at, to_char(d.due_date, 'YYYY-MM-DD') AS due_date`;

@Injectable()
export class DossierListing {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One dossier, or null when it does not exist or `visible` hides it. */
  async one(
    id: string,
    visible: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DossierListingRow | null> {
    const [row] = await manager.query<DossierListingRow[]>(
      `SELECT ${COLUMNS} FROM ${DOSSIER_LISTING_VIEW} d WHERE d.id = $1${visible ? ` AND ${visible}` : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** A page of the dossiers matching `filter`, and how many match in all. */
  async page(filter: DossierListingFilter): Promise<{ rows: DossierListingRow[]; total: number }> {
    const { whereSql, params } = whereClause(filter);
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const direction = filter.sort.descending ? 'DESC' : 'ASC';
    const rows = await this.dataSource.query<(DossierListingRow & { total: string })[]>(
      `SELECT count(*) OVER () AS total, ${COLUMNS} FROM ${DOSSIER_LISTING_VIEW} d
       ${whereSql}
       ORDER BY ${SORT_SQL[filter.sort.column]} ${direction}, d.id ${direction}
       LIMIT ${param(filter.pageSize)} OFFSET ${param((filter.page - 1) * filter.pageSize)}`,
      params,
    );
    if (rows.length || filter.page === 1) return { rows, total: rows.length ? Number(rows[0].total) : 0 };
    // Past the last page: the window count has no row to ride on.
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM ${DOSSIER_LISTING_VIEW} d ${whereSql}`,
      params.slice(0, -2),
    );
    return { rows, total: Number(count) };
  }
}

function whereClause(filter: DossierListingFilter): { whereSql: string; params: unknown[] } {
  const where: string[] = filter.visible ? [filter.visible] : [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.state) {
    // `instruction` matches every step of the instruction.
    where.push(`(d.state = ${param(filter.state)} OR d.state LIKE ${param(`${escapeLike(filter.state)}.%`)})`);
  }
  const q = filter.q?.trim();
  if (q) where.push(searchCondition(q, param));
  if (filter.year !== undefined) {
    where.push(`EXTRACT(YEAR FROM d.created_at AT TIME ZONE ${param(filter.timeZone)}) = ${param(filter.year)}`);
  }
  if (filter.orientation) where.push(`${param(filter.orientation)} = ANY(d.orientation_codes)`);
  if (filter.overdueBefore !== undefined) {
    where.push(`(d.due_date IS NOT NULL AND d.due_date < ${param(filter.overdueBefore)}::date)`);
  }
  return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The reference, the SIREN's start, or the name's words as prefixes (French full-text, indexed). */
function searchCondition(q: string, param: (value: unknown) => string): string {
  const alternatives = [
    `d.reference ILIKE ${param(`%${escapeLike(q)}%`)}`,
    `d.siren LIKE ${param(`${escapeLike(q.replace(/\s+/g, ''))}%`)}`,
  ];
  const terms = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length) {
    alternatives.push(
      `to_tsvector('french', d.name) @@ to_tsquery('french', ${param(terms.map((t) => `${t}:*`).join(' & '))})`,
    );
  }
  return `(${alternatives.join(' OR ')})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
