/** The three instruction steps' tabs: the analysis form and what each step computes. */
import { api } from '../api/client';
import type { AnalysisView, EconomicView, Marker, Orientation, Schemas } from '../api/views';
import { describedBy, FieldErrors } from '../components/fields';
import type { OverrideProps } from '../components/SchemaForm';
import { formatCents } from '../format';
import { useLoad } from '../hooks';
import { MESSAGES } from '../i18n/fr';
import { AdvanceRecommendation, type ScicAdvance } from './AdvanceRecommendation';
import { AnalysisTab } from './AnalysisTab';
import { ReserveFiguresTable, type CheckWithFigures } from './ReserveFigures';

interface StepProps {
  dossierId: string;
  canEdit: boolean;
  onSaved(): void;
}

export function ActivityTab(props: StepProps) {
  const orientations = useLoad(() => api.get<{ items: Orientation[] }>('/referentials/orientations'), 'orientations');
  const active = (orientations.data?.items ?? []).filter((orientation) => orientation.active);
  const competences = [...new Map(active.map((entry) => [entry.competenceCode, entry.competenceLabel])).entries()];
  return (
    <AnalysisTab
      {...props}
      path="activity"
      schemaName="ActivityAnalysisDto"
      title="Étape 1 — Analyse des indicateurs d’activité"
      overrides={{
        orientationCodes: (field) => (
          <fieldset className="group" id={`f-${field.id}`} tabIndex={-1}>
            <legend>{field.label}</legend>
            {active.map((orientation) => {
              const codes = (field.value as string[]) ?? [];
              return (
                <div className="field checkbox" key={orientation.code}>
                  <input
                    id={`f-orientation-${orientation.code}`}
                    type="checkbox"
                    disabled={field.readOnly}
                    checked={codes.includes(orientation.code)}
                    onChange={(event) =>
                      field.onChange(
                        event.target.checked
                          ? [...codes, orientation.code]
                          : codes.filter((code) => code !== orientation.code),
                      )
                    }
                  />
                  <label htmlFor={`f-orientation-${orientation.code}`}>{orientation.label}</label>
                </div>
              );
            })}
            <FieldErrors path={field.path} errors={field.errors} />
          </fieldset>
        ),
        competenceCode: (field) => (
          <ChoiceField field={field} options={competences.map(([code, label]) => ({ value: code, label }))} />
        ),
      }}
    />
  );
}

function ChoiceField({ field, options }: { field: OverrideProps; options: { value: string; label: string }[] }) {
  const invalid = field.errors.has(field.path);
  if (field.readOnly) {
    return (
      <div className="field readonly">
        <span className="label" id={`l-${field.id}`}>
          {field.label}
        </span>
        <p className="value" aria-labelledby={`l-${field.id}`}>
          {options.find((option) => option.value === field.value)?.label ?? MESSAGES.notSpecified}
        </p>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={`f-${field.id}`}>{field.label}</label>
      <select
        id={`f-${field.id}`}
        value={(field.value as string) ?? ''}
        onChange={(event) => field.onChange(event.target.value || null)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && `e-${field.path}`)}
      >
        <option value="">{MESSAGES.notSpecified}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors path={field.path} errors={field.errors} />
    </div>
  );
}

type MarkerScore = Schemas['MarkerScoreDto'];
interface EssView extends AnalysisView<Schemas['EssPracticesAnalysisDto']> {
  checks?: CheckWithFigures[];
}

export function EssPracticesTab(props: StepProps) {
  const markers = useLoad(() => api.get<{ items: Marker[] }>('/referentials/markers'), 'markers');
  return (
    <AnalysisTab<EssView>
      {...props}
      path="ess-practices"
      schemaName="EssPracticesAnalysisDto"
      title="Étape 2 — Pratiques d’ESS"
      extra={(view) => (
        <>
          {view.checks && view.checks.length > 0 && (
            <section aria-labelledby="checks-title" className="panel">
              <h3 id="checks-title">Contrôles de conformité (version enregistrée)</h3>
              <ul className="checks">
                {view.checks.map((check) => (
                  <li key={check.code} className={`check check-${check.status === 'OK' ? 'ok' : 'ko'}`}>
                    <span className="check-mark">
                      {check.status === 'OK' ? 'Conforme' : check.level === 'LEGAL' ? 'Bloquant' : 'Alerte'}
                    </span>{' '}
                    — {check.message} <span className="muted">({check.source})</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {view.checks && <ReserveFiguresTable checks={view.checks} />}
          <section aria-labelledby="radar-title" className="panel">
            <h3 id="radar-title">Radar des marqueurs de transformation</h3>
            <img
              className="radar"
              src={`/api/dossiers/${props.dossierId}/analyses/ess-practices/radar.svg?v=${view.version}`}
              alt={radarText(view.data.markers ?? [], markers.data?.items ?? [])}
              width={360}
              height={360}
            />
          </section>
        </>
      )}
      overrides={{
        markers: (field) => <MarkersField field={field} markers={markers.data?.items ?? []} />,
      }}
    />
  );
}

/** The radar's text alternative: every marker with its score. */
function radarText(scores: MarkerScore[], markers: Marker[]): string {
  if (scores.length === 0) return 'Radar des marqueurs : aucun marqueur noté.';
  return `Radar des marqueurs : ${markers
    .map((marker) => {
      const score = scores.find((entry) => entry.marker === marker.code);
      return `${marker.label} ${score ? `${score.score} sur 3` : 'non noté'}`;
    })
    .join(', ')}.`;
}

function MarkersField({ field, markers }: { field: OverrideProps; markers: Marker[] }) {
  const scores = (field.value as MarkerScore[]) ?? [];
  const update = (code: string, change: Partial<MarkerScore>) => {
    const existing = scores.find((entry) => entry.marker === code);
    const next = existing
      ? scores.map((entry) => (entry.marker === code ? { ...entry, ...change } : entry))
      : [...scores, { marker: code as MarkerScore['marker'], score: 0, comment: '', ...change }];
    field.onChange(next);
  };
  return (
    <fieldset className="group" id={`f-${field.id}`} tabIndex={-1}>
      <legend>{field.label}</legend>
      {markers.map((marker) => {
        const index = scores.findIndex((entry) => entry.marker === marker.code);
        const score = index >= 0 ? scores[index] : undefined;
        const errorPath = `markers-${index}-score`;
        return (
          <fieldset key={marker.code} className="row">
            <legend>{marker.label}</legend>
            <p className="hint" id={`h-marker-${marker.code}`}>
              {marker.description}
            </p>
            {field.readOnly ? (
              <p>{score ? `${score.score} sur 3 — ${score.comment}` : MESSAGES.notSpecified}</p>
            ) : (
              <div className="row-fields">
                <div className="field">
                  <label htmlFor={`f-marker-${marker.code}-score`}>Note de « {marker.label} »</label>
                  <select
                    id={`f-marker-${marker.code}-score`}
                    value={score ? String(score.score) : ''}
                    aria-describedby={describedBy(`h-marker-${marker.code}`)}
                    onChange={(event) =>
                      event.target.value === ''
                        ? field.onChange(scores.filter((entry) => entry.marker !== marker.code))
                        : update(marker.code, { score: Number(event.target.value) })
                    }
                  >
                    <option value="">{MESSAGES.notSpecified}</option>
                    {marker.levels.map((level) => (
                      <option key={level.level} value={level.level}>
                        {level.level} — {level.label}
                      </option>
                    ))}
                  </select>
                  <FieldErrors path={errorPath} errors={field.errors} />
                </div>
                <div className="field">
                  <label htmlFor={`f-marker-${marker.code}-comment`}>Commentaire sur « {marker.label} »</label>
                  <textarea
                    id={`f-marker-${marker.code}-comment`}
                    rows={2}
                    value={score?.comment ?? ''}
                    onChange={(event) => update(marker.code, { comment: event.target.value })}
                  />
                  <FieldErrors path={`markers-${index}-comment`} errors={field.errors} />
                </div>
              </div>
            )}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

interface RatioLine {
  year: number;
  kind: string;
  ratios: { code: string; label: string; value: number | null; unit: string; status: string; note: string | null }[];
}

const UNIT_SUFFIX: Record<string, string> = { PERCENT: '\u00a0%', DAYS: '\u00a0jours', YEARS: '\u00a0ans', RATIO: '' };

export function EconomicTab(props: StepProps) {
  return (
    <AnalysisTab<EconomicView>
      {...props}
      path="economic"
      schemaName="EconomicAnalysisDto"
      title="Étape 3 — Analyse économique"
      extra={(view, draft) => {
        const ratios = view.ratios as unknown as RatioLine[];
        const plan = (draft.financingPlan ?? { uses: [], resources: [] }) as Schemas['FinancingPlanDto'];
        const sum = (rows: { amountCents?: number }[]) =>
          rows.reduce((total, row) => total + (typeof row.amountCents === 'number' ? row.amountCents : 0), 0);
        const uses = sum(plan.uses ?? []);
        const resources = sum(plan.resources ?? []);
        return (
          <>
            <section aria-labelledby="balance-title" className="panel">
              <h3 id="balance-title">Équilibre du plan de financement (saisie en cours)</h3>
              <p aria-live="polite">
                Emplois : {formatCents(uses)} · Ressources : {formatCents(resources)} ·{' '}
                <strong className={uses === resources ? 'ok' : 'ko'}>
                  {uses === resources
                    ? 'Plan équilibré'
                    : `Écart de ${formatCents(Math.abs(uses - resources))} (${uses > resources ? 'ressources insuffisantes' : 'ressources en excès'})`}
                </strong>
              </p>
            </section>
            <AdvanceRecommendation
              recommended={view.data.instruments?.currentAccountAdvance}
              advances={((view as unknown as { scicAdvances?: ScicAdvance[] }).scicAdvances ?? []) as ScicAdvance[]}
              problems={view.problems}
            />
            {ratios.length > 0 && (
              <section aria-labelledby="ratios-title" className="panel">
                <h3 id="ratios-title">Ratios (version enregistrée)</h3>
                <div className="table-scroll">
                  <table className="table compact">
                    <caption className="visually-hidden">Ratios par exercice, avec les alertes</caption>
                    <thead>
                      <tr>
                        <th scope="col">Ratio</th>
                        {ratios.map((line) => (
                          <th scope="col" key={line.year} className="number">
                            {line.year} {line.kind === 'FORECAST' ? '(prév.)' : ''}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {ratios[0].ratios.map((ratio, row) => (
                        <tr key={ratio.code}>
                          <th scope="row">{ratio.label}</th>
                          {ratios.map((line) => {
                            const cell = line.ratios[row];
                            const alert = cell && cell.status !== 'OK';
                            return (
                              <td key={line.year} className={`number${alert ? ' alert-cell' : ''}`}>
                                {cell?.value === null || cell?.value === undefined
                                  ? '—'
                                  : `${new Intl.NumberFormat('fr-FR').format(cell.value)}${UNIT_SUFFIX[cell.unit] ?? ''}`}
                                {alert && <strong> (alerte)</strong>}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            )}
          </>
        );
      }}
    />
  );
}
