/**
 * `rm_agenda_dossier` (migration CommitteeReadModels): a dossier with its SCIC as the
 * committee's agendas, convocations and minutes list it. Columns keep the tables' names,
 * so a query may alias the view `d` and apply the dossier visibility condition to it.
 * Read by the sessions' agenda, the minutes (committee/minutes/minutes-read-model.ts) and
 * the declarations of interest.
 */
export const AGENDA_DOSSIER_VIEW = 'rm_agenda_dossier';

export interface AgendaDossierRow {
  id: string;
  reference: string;
  state: string;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
  scic_id: string;
  siren: string;
  name: string;
  legal_form: string;
  commune: string;
}
