/** Inline validation: the API's 422 field errors next to their inputs, and a summary on top. */
import type { ApiError } from '../api/client';
import { FIELD_LABELS, MESSAGES } from '../i18n/fr';

/** The API's dotted path (`memberCategories.0.label`) as the id suffix of its input. */
export function pathId(path: string): string {
  return path.replace(/[.[\]]+/g, '-').replace(/-$/, '');
}

export type ErrorMap = Map<string, string[]>;

/**
 * Field errors by input id suffix. The API names each field by its French label
 * (`Libellé : est obligatoire.`) and its messages are shown as they are; a message that
 * would still start with a property (`label est obligatoire.`) gets the field's label.
 */
export function fieldErrorMap(error: ApiError | undefined): ErrorMap {
  const map: ErrorMap = new Map();
  for (const field of error?.fields ?? []) {
    const property = field.field.split('.').pop() ?? field.field;
    const label = FIELD_LABELS[property];
    const messages = field.messages.map((message) => {
      if (!label || !message.startsWith(`${property} `)) return message;
      // A list of codes means nothing to the user: the input is a list to choose from.
      if (/doit être l['’]une? de :/.test(message)) return `${label} : choisissez une valeur dans la liste.`;
      return `${label} : ${message.slice(property.length + 1)}`;
    });
    map.set(pathId(field.field), messages);
  }
  return map;
}

export function FieldErrors({ path, errors }: { path: string; errors: ErrorMap }) {
  const messages = errors.get(path);
  if (!messages) return null;
  return (
    <p className="field-error" id={`e-${path}`}>
      {messages.join(' ')}
    </p>
  );
}

/** The list of errors at the top of a form, each a link to its field. */
export function ErrorSummary({ errors }: { errors: ErrorMap }) {
  if (errors.size === 0) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1}>
      <p>{MESSAGES.errorsSummary(errors.size)}</p>
      <ul>
        {[...errors].map(([path, messages]) => (
          <li key={path}>
            <a href={`#f-${path}`}>{messages.join(' ')}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

/** A labelled input (or textarea) with its hint and its errors; the input's id is `f-<id>`. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  errors,
  type = 'text',
  max,
  inputMode,
  multiline = false,
  maxLength,
  onBlur,
  liveHint = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  errors: ErrorMap;
  type?: 'text' | 'date';
  max?: string;
  inputMode?: 'numeric' | 'decimal';
  maxLength?: number;
  onBlur?(): void;
  multiline?: boolean;
  /** The hint follows what is typed: read out as it changes. */
  liveHint?: boolean;
}) {
  const props = {
    id: `f-${id}`,
    value,
    'aria-invalid': errors.has(id) || undefined,
    'aria-describedby': describedBy(hint && `h-${id}`, errors.has(id) && `e-${id}`),
    maxLength,
    onBlur,
  };
  return (
    <div className="field">
      <label htmlFor={`f-${id}`}>{label}</label>
      {hint && (
        <p className="hint" id={`h-${id}`} aria-live={liveHint ? 'polite' : undefined}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...props} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...props}
          type={type}
          max={max}
          inputMode={inputMode}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <FieldErrors path={id} errors={errors} />
    </div>
  );
}

/** A labelled select with « — Choisir — » and the API's messages for its field. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  errors,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  errors: ErrorMap;
}) {
  return (
    <div className="field">
      <label htmlFor={`f-${id}`}>{label}</label>
      <select
        id={`f-${id}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors.has(id) || undefined}
        aria-describedby={describedBy(errors.has(id) && `e-${id}`)}
      >
        <option value="">— Choisir —</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors path={id} errors={errors} />
    </div>
  );
}
