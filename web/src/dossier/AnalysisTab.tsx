/**
 * One instruction step's analysis: the form drawn from its request schema, saved with
 * `If-Match` (the analysis version). The API's 422 errors appear beside their fields;
 * a 412 shows what the other person changed and lets the user keep their own text on
 * the new version or drop it. Unsaved changes are guarded; outside its step (or for
 * another role) the analysis is read-only.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, request } from '../api/client';
import type { AnalysisView, Problem } from '../api/views';
import { ErrorSummary, fieldErrorMap, pathId } from '../components/fields';
import { labelOf, SchemaFields, type FormContext } from '../components/SchemaForm';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { useLoad } from '../hooks';
import { MESSAGES } from '../i18n/fr';
import { useLeaveGuard } from '../router';
import { diff, rebase, type Change } from './conflict';

type Data = Record<string, unknown>;

export interface AnalysisTabProps<V extends AnalysisView<Data>> {
  dossierId: string;
  /** `activity`, `ess-practices`, `economic` */
  path: string;
  schemaName: string;
  title: string;
  canEdit: boolean;
  overrides?: FormContext['overrides'];
  /** What the step computes, from the saved analysis and the draft being typed. */
  extra?: (view: V, draft: Data) => ReactNode;
  onSaved(): void;
}

export function AnalysisTab<V extends AnalysisView<Data>>(props: AnalysisTabProps<V>) {
  const { dossierId, path } = props;
  const loaded = useLoad(() => api.get<V>(`/dossiers/${dossierId}/analyses/${path}`), `${dossierId}/${path}`);
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return <AnalysisForm {...props} initial={loaded.data} />;
}

function AnalysisForm<V extends AnalysisView<Data>>({
  dossierId,
  path,
  schemaName,
  title,
  canEdit,
  overrides,
  extra,
  onSaved,
  initial,
}: AnalysisTabProps<V> & { initial: V }) {
  const [view, setView] = useState<V>(initial);
  const [draft, setDraft] = useState<Data>(initial.data);
  const [error, setError] = useState<ApiError>();
  const [conflict, setConflict] = useState<{ latest: V; changes: Change[] }>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(view.data);
  useLeaveGuard(dirty, MESSAGES.leaveWarning);
  const readOnly = !canEdit || !view.writable;
  const errors = fieldErrorMap(error);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await request<V>('PUT', `/dossiers/${dossierId}/analyses/${path}`, draft, {
        headers: { 'if-match': `"${view.version}"` },
      });
      setView(answer.body);
      setDraft(answer.body.data);
      setConflict(undefined);
      setSaved(true);
      onSaved();
    } catch (caught) {
      const failure = caught as ApiError;
      if (failure.status === 412) {
        const latest = await api.get<V>(`/dossiers/${dossierId}/analyses/${path}`);
        setConflict({ latest, changes: diff(view.data, latest.data) });
      } else {
        setError(failure);
      }
      if (failure.fields.length) {
        // Take the user to the summary of what to correct.
        requestAnimationFrame(() => document.querySelector<HTMLElement>('.analysis-form .alert-error')?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  const keepMine = () => {
    if (!conflict) return;
    setDraft(rebase(view.data, draft, conflict.latest.data));
    setView(conflict.latest);
    setConflict(undefined);
  };
  const discardMine = () => {
    if (!conflict) return;
    setView(conflict.latest);
    setDraft(conflict.latest.data);
    setConflict(undefined);
  };

  return (
    <form className="form analysis-form" onSubmit={save} noValidate aria-labelledby="analysis-title">
      <h2 id="analysis-title">{title}</h2>
      {readOnly && <Notice>{MESSAGES.readOnly}</Notice>}
      <Completeness complete={view.complete} problems={view.problems} />
      {conflict && (
        <div className="alert alert-warning" role="alert">
          <h3>{MESSAGES.conflictTitle}</h3>
          <p>{MESSAGES.conflictIntro(conflict.latest.version)}</p>
          {conflict.changes.length === 0 ? (
            <p>{MESSAGES.conflictNoFieldChange}</p>
          ) : (
            <table className="table compact">
              <caption className="visually-hidden">Champs modifiés par l’autre personne</caption>
              <thead>
                <tr>
                  <th scope="col">Champ</th>
                  <th scope="col">Avant</th>
                  <th scope="col">Maintenant</th>
                </tr>
              </thead>
              <tbody>
                {conflict.changes.map((change) => (
                  <tr key={change.path}>
                    <th scope="row">{describePath(schemaName, change.path)}</th>
                    <td>{String(change.before) || '—'}</td>
                    <td>{String(change.after) || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="dialog-buttons">
            <button type="button" className="button primary" onClick={keepMine}>
              {MESSAGES.conflictKeep}
            </button>
            <button type="button" className="button secondary" onClick={discardMine}>
              {MESSAGES.conflictDiscard}
            </button>
          </div>
        </div>
      )}
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      {extra?.(view, draft)}
      <SchemaFields
        schemaName={schemaName}
        value={draft}
        onChange={setDraft}
        path=""
        context={{ errors, readOnly, overrides }}
      />
      {!readOnly && (
        <div className="sticky-save">
          <button type="submit" className="button primary" disabled={busy || !!conflict}>
            {busy ? MESSAGES.saving : MESSAGES.save}
          </button>
          <span role="status" className="save-status">
            {dirty ? MESSAGES.unsavedChanges : saved ? MESSAGES.saved : ''}
          </span>
        </div>
      )}
    </form>
  );
}

function describePath(schemaName: string, path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `ligne ${Number(part) + 1}` : labelOf(schemaName, part)))
    .join(' › ');
}

function Completeness({ complete, problems }: { complete: boolean; problems: Problem[] }) {
  if (complete) return <Notice kind="success">{MESSAGES.stepComplete}</Notice>;
  return (
    <details className="problems-box">
      <summary>
        {MESSAGES.toComplete} ({problems.length})
      </summary>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            <a href={`#f-${pathId(problem.field)}`}>{problem.message}</a>
          </li>
        ))}
      </ul>
    </details>
  );
}
