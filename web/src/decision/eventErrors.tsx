/**
 * What a refused RECORD_DECISION or SIGN says, on the decision page: a stale version
 * (412) offers to reload the dossier, unmet conditions (409) are listed (those about a
 * field of the form are also shown beside it), anything else is shown as it came.
 */
import type { ApiError } from '../api/client';
import { fieldErrorMap, pathId, type ErrorMap } from '../components/fields';
import { ErrorMessage } from '../components/ui';
import { MESSAGES } from '../i18n/fr';

/** The 422 field errors, plus the 409 problems that name one of `fields` (input id suffixes). */
export function formErrors(error: ApiError | undefined, fields: (id: string) => boolean): ErrorMap {
  const errors = fieldErrorMap(error);
  for (const problem of error?.problems ?? []) {
    const id = pathId(problem.field);
    if (fields(id)) errors.set(id, [...(errors.get(id) ?? []), problem.message]);
  }
  return errors;
}

export function EventErrors({
  error,
  fieldErrors,
  onReload,
}: {
  error: ApiError | undefined;
  /** The errors already shown beside their fields (not repeated here when nothing else is wrong). */
  fieldErrors?: ErrorMap;
  onReload(): void;
}) {
  if (!error) return null;
  if (error.status === 412) {
    return (
      <div className="alert alert-warning" role="alert">
        <p>{MESSAGES.dossierConflict.replace('{current}', String(error.currentVersion ?? '?'))}</p>
        <button type="button" className="button secondary" onClick={onReload}>
          {MESSAGES.reloadDossier}
        </button>
      </div>
    );
  }
  if (error.problems.length > 0) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{MESSAGES.conditionsNotMet}</p>
        <ul>
          {error.problems.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  if ((fieldErrors?.size ?? 0) > 0 || error.fields.length > 0) return null;
  return <ErrorMessage error={error} />;
}
