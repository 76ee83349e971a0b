/** The rows and columns of each export; the files are made by table-export.ts. */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { listStakes, type Stake } from '../participation/stakes.js';
import { STATE_LABELS } from '../workflow/dossier.workflow.js';
import { toCsv, toXlsx, type ExportColumn } from './table-export.js';

interface DossierRow {
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

const DOSSIER_COLUMNS: ExportColumn<DossierRow>[] = [
  { header: 'Référence', kind: 'text', width: 16, value: (row) => row.reference },
  { header: 'SCIC', kind: 'text', width: 32, value: (row) => row.name },
  { header: 'SIREN', kind: 'text', width: 12, value: (row) => row.siren },
  { header: 'Forme juridique', kind: 'text', width: 10, value: (row) => row.legal_form },
  { header: 'Commune', kind: 'text', value: (row) => row.commune },
  { header: 'État', kind: 'text', width: 36, value: (row) => STATE_LABELS[row.state] ?? row.state },
  { header: 'Montant demandé', kind: 'euros', value: (row) => row.requested_amount_cents },
  { header: 'Date de création', kind: 'date', width: 14, value: (row) => row.created_on },
  { header: 'Échéance de l’étape', kind: 'date', width: 14, value: (row) => row.due_date },
  { header: 'Montant décidé', kind: 'euros', value: (row) => row.decided_amount_cents },
  { header: 'Délibération', kind: 'text', value: (row) => row.deliberation_number },
];

const STAKE_COLUMNS: ExportColumn<Stake>[] = [
  { header: 'Référence', kind: 'text', width: 16, value: (stake) => stake.reference },
  { header: 'SCIC', kind: 'text', width: 32, value: (stake) => stake.scicName },
  { header: 'SIREN', kind: 'text', width: 12, value: (stake) => stake.siren },
  { header: 'Commune', kind: 'text', value: (stake) => stake.commune },
  { header: 'Délibération', kind: 'text', value: (stake) => stake.deliberationNumber },
  { header: 'Date de décision', kind: 'date', width: 14, value: (stake) => stake.decidedOn },
  { header: 'Parts sociales', kind: 'integer', width: 10, value: (stake) => stake.shares },
  { header: 'Montant souscrit', kind: 'euros', value: (stake) => stake.subscribedAmountCents },
  { header: 'Montant versé', kind: 'euros', value: (stake) => stake.paidAmountCents },
  { header: 'Part du capital', kind: 'percent', width: 12, value: (stake) => stake.shareOfCapitalBasisPoints },
  { header: 'Souscription signée le', kind: 'date', width: 14, value: (stake) => stake.subscriptionSignedOn },
  { header: 'Exécutoire le', kind: 'date', width: 14, value: (stake) => stake.executoryOn },
];

@Injectable()
export class ExportsService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(table: 'dossiers' | 'portfolio', format: 'csv' | 'xlsx', actor: Actor): Promise<Buffer> {
    if (table === 'portfolio') {
      const stakes = await listStakes(this.dataSource.manager, this.config.timeZone, {
        visible: this.visibility.condition(actor, 'x'),
      });
      return format === 'csv' ? toCsv(STAKE_COLUMNS, stakes) : toXlsx('Portefeuille', STAKE_COLUMNS, stakes);
    }
    const rows = await this.dossiers(actor);
    return format === 'csv' ? toCsv(DOSSIER_COLUMNS, rows) : toXlsx('Dossiers', DOSSIER_COLUMNS, rows);
  }

  /** The dossiers the caller sees, with the current decision's amount and number when there is one. */
  private dossiers(actor: Actor): Promise<DossierRow[]> {
    const visible = this.visibility.condition(actor);
    return this.dataSource.query<DossierRow[]>(
      `SELECT d.reference, s.name, s.siren, s.legal_form, s.commune, d.state, d.requested_amount_cents,
              to_char(d.created_at AT TIME ZONE $1, 'YYYY-MM-DD') AS created_on,
              to_char(dl.due_date, 'YYYY-MM-DD') AS due_date,
              x.amount_cents AS decided_amount_cents, x.deliberation_number
         FROM dossier d
         JOIN scic s ON s.id = d.scic_id
         LEFT JOIN dossier_deadline dl ON dl.dossier_id = d.id
         LEFT JOIN LATERAL (SELECT amount_cents, deliberation_number FROM decision
                             WHERE dossier_id = d.id ORDER BY recorded_at DESC LIMIT 1) x ON TRUE
        ${visible ? `WHERE ${visible}` : ''}
        ORDER BY d.reference`,
      [this.config.timeZone],
    );
  }
}
