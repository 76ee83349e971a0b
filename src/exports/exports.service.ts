/** The rows and columns of each export; the files are made by table-export.ts. */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierExport, type DossierExportRow } from '../read-models/dossier-export.js';
import { listStakes, type Stake } from '../participation/stakes.js';
import { STATE_LABELS } from '../workflow/dossier.workflow.js';
import { toCsv, toXlsx, type ExportColumn } from './table-export.js';

const DOSSIER_COLUMNS: ExportColumn<DossierExportRow>[] = [
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
    private readonly dossierExport: DossierExport,
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
  private dossiers(actor: Actor): Promise<DossierExportRow[]> {
    const visible = this.visibility.condition(actor);
    return this.dossierExport.rows(this.config.timeZone, visible);
  }
}
