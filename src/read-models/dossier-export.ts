/**
 * `rm_dossier_export`: a dossier with its SCIC, its step's due date (deadlines) and its
 * current decision's amount and deliberation number (decisions), one row per dossier.
 * Read by the dossiers export. The caller's visibility condition applies to the alias `d`.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const DOSSIER_EXPORT_VIEW = 'rm_dossier_export';

/** A row as the reader returns it: the dates as YYYY-MM-DD, the amounts (bigint) as strings. */
export interface DossierExportRow {
  reference: string;
  name: string;
  siren: string;
  legal_form: string;
  commune: string;
  state: string;
  requested_amount_cents: string;
  created_on: string;
  due_date: string | null;
  decided_amount_cents: string | null;
  deliberation_number: string | null;
}

@Injectable()
export class DossierExport {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The dossiers `visible` lets through, by reference; the creation day is the one in `timeZone`. */
  rows(timeZone: string, visible: string | null): Promise<DossierExportRow[]> {
    return this.dataSource.query<DossierExportRow[]>(
      `SELECT d.reference, d.name, d.siren, d.legal_form, d.commune, d.state, d.requested_amount_cents,
              to_char(d.created_at AT TIME ZONE $1, 'YYYY-MM-DD') AS created_on,
              to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.decided_amount_cents, d.deliberation_number
         FROM ${DOSSIER_EXPORT_VIEW} d
        ${visible ? `WHERE ${visible}` : ''}
        ORDER BY d.reference`,
      [timeZone],
    );
  }
}
