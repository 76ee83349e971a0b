/**
 * Forms drawn from the API's own request schemas (the committed OpenAPI document): each
 * property becomes an input of its kind — amounts (`…Cents`) typed in euros, rates
 * (`…BasisPoints`) in percent, dates, long texts, lists of rows — with its French label
 * and the API's error next to it. A page may replace a property's input (e.g. a choice
 * among a referential's entries).
 */
import { useState, type ReactNode } from 'react';
import { components } from '../../../openapi/openapi.json';
import {
  basisPointsToInput,
  centsToInput,
  formatBasisPoints,
  formatCents,
  formatDate,
  parseEuros,
  parsePercent,
} from '../format';
import { ENUM_LABELS, FIELD_LABELS, MESSAGES } from '../i18n/fr';
import { describedBy, FieldErrors, pathId, type ErrorMap } from './fields';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  allOf?: JsonSchema[];
  enum?: string[];
  nullable?: boolean;
  maxLength?: number;
  example?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

const SCHEMAS = components.schemas as unknown as Record<string, JsonSchema>;

type Value = unknown;
type Obj = Record<string, Value>;

export interface OverrideProps {
  id: string;
  label: string;
  value: Value;
  onChange(value: Value): void;
  readOnly: boolean;
  errors: ErrorMap;
  path: string;
}

export interface FormContext {
  errors: ErrorMap;
  readOnly: boolean;
  /** Inputs replaced by the page, by property path without indexes (`orientationCodes`). */
  overrides?: Record<string, (props: OverrideProps) => ReactNode>;
}

/** Follows `$ref` and `allOf: [{$ref}]` to a named schema. */
function resolve(schema: JsonSchema): { name?: string; schema: JsonSchema } {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (!ref) return { schema };
  const name = ref.split('/').pop()!;
  return { name, schema: SCHEMAS[name] };
}

export function schemaNamed(name: string): JsonSchema {
  return SCHEMAS[name];
}

export function labelOf(schemaName: string | undefined, property: string): string {
  return (schemaName && FIELD_LABELS[`${schemaName}.${property}`]) || FIELD_LABELS[property] || property;
}

type Kind = 'enum' | 'checkbox' | 'yesNo' | 'money' | 'percent' | 'number' | 'date' | 'textarea' | 'text';

function kindOf(property: string, schema: JsonSchema): Kind {
  if (schema.enum) return 'enum';
  if (schema.type === 'boolean') return schema.nullable ? 'yesNo' : 'checkbox';
  if (schema.type === 'number') {
    if (property.endsWith('Cents')) return 'money';
    if (property.endsWith('BasisPoints')) return 'percent';
    return 'number';
  }
  if (property.endsWith('Date') || (typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(schema.example)))
    return 'date';
  if ((schema.maxLength ?? 0) > 300) return 'textarea';
  return 'text';
}

/** An empty row of an array of objects: enums take their first value, the rest is empty. */
function emptyRow(schema: JsonSchema): Obj {
  const row: Obj = {};
  for (const [property, child] of Object.entries(schema.properties ?? {})) {
    if (child.enum && schema.required?.includes(property)) row[property] = child.enum[0];
    else if (child.type === 'string' && schema.required?.includes(property)) row[property] = '';
  }
  return row;
}

export function SchemaFields({
  schemaName,
  value,
  onChange,
  path,
  context,
}: {
  schemaName: string;
  value: Obj;
  onChange(value: Obj): void;
  path: string;
  context: FormContext;
}) {
  const schema = SCHEMAS[schemaName];
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([property, child]) => (
        <Property
          key={property}
          schemaName={schemaName}
          property={property}
          schema={child}
          value={value?.[property]}
          onChange={(next) => onChange({ ...value, [property]: next })}
          path={path ? `${path}.${property}` : property}
          context={context}
        />
      ))}
    </>
  );
}

function Property({
  schemaName,
  property,
  schema,
  value,
  onChange,
  path,
  context,
}: {
  schemaName: string;
  property: string;
  schema: JsonSchema;
  value: Value;
  onChange(value: Value): void;
  path: string;
  context: FormContext;
}) {
  const label = labelOf(schemaName, property);
  const id = pathId(path);
  const override = context.overrides?.[path.replace(/\.\d+/g, '')];
  if (override) {
    return (
      <>{override({ id, label, value, onChange, readOnly: context.readOnly, errors: context.errors, path: id })}</>
    );
  }
  const { name: refName, schema: resolved } = resolve(schema);
  if (refName && !schema.nullable) {
    return (
      <fieldset className="group">
        <legend>{label}</legend>
        <SchemaFields
          schemaName={refName}
          value={(value as Obj) ?? {}}
          onChange={onChange}
          path={path}
          context={context}
        />
      </fieldset>
    );
  }
  if (refName) {
    // An optional block (a guarantee, a loan…): given or not.
    const given = value !== null && value !== undefined;
    return (
      <fieldset className="group">
        <legend>{label}</legend>
        <div className="field checkbox">
          <input
            id={`f-${id}-given`}
            type="checkbox"
            checked={given}
            disabled={context.readOnly}
            onChange={(event) => onChange(event.target.checked ? emptyRow(resolved) : null)}
          />
          <label htmlFor={`f-${id}-given`}>Renseigner : {label.toLowerCase()}</label>
        </div>
        {given && (
          <SchemaFields schemaName={refName} value={value as Obj} onChange={onChange} path={path} context={context} />
        )}
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items) {
    const item = resolve(schema.items);
    if (item.name) {
      return (
        <RowList
          label={label}
          itemSchemaName={item.name}
          rows={(value as Obj[]) ?? []}
          onChange={onChange}
          path={path}
          context={context}
        />
      );
    }
  }
  return (
    <ScalarField
      id={id}
      label={label}
      kind={kindOf(property, schema)}
      schema={schema}
      value={value}
      onChange={onChange}
      context={context}
    />
  );
}

function RowList({
  label,
  itemSchemaName,
  rows,
  onChange,
  path,
  context,
}: {
  label: string;
  itemSchemaName: string;
  rows: Obj[];
  onChange(rows: Obj[]): void;
  path: string;
  context: FormContext;
}) {
  const id = pathId(path);
  return (
    <fieldset className="group rows" id={`f-${id}`} tabIndex={-1}>
      <legend>{label}</legend>
      <FieldErrors path={id} errors={context.errors} />
      {rows.length === 0 && <p className="muted">{MESSAGES.none}</p>}
      {rows.map((row, index) => (
        <fieldset key={index} className="row">
          <legend>
            {label} — ligne {index + 1}
          </legend>
          <div className="row-fields">
            <SchemaFields
              schemaName={itemSchemaName}
              value={row}
              onChange={(next) => onChange(rows.map((current, at) => (at === index ? next : current)))}
              path={`${path}.${index}`}
              context={context}
            />
          </div>
          {!context.readOnly && (
            <button
              type="button"
              className="button secondary small"
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              {MESSAGES.remove} la ligne {index + 1}
              <span className="visually-hidden"> ({label})</span>
            </button>
          )}
        </fieldset>
      ))}
      {!context.readOnly && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => onChange([...rows, emptyRow(SCHEMAS[itemSchemaName])])}
        >
          {MESSAGES.add} une ligne<span className="visually-hidden"> ({label})</span>
        </button>
      )}
    </fieldset>
  );
}

function ScalarField({
  id,
  label,
  kind,
  schema,
  value,
  onChange,
  context,
}: {
  id: string;
  label: string;
  kind: Kind;
  schema: JsonSchema;
  value: Value;
  onChange(value: Value): void;
  context: FormContext;
}) {
  const { errors, readOnly } = context;
  const invalid = errors.has(id) || undefined;
  const common = {
    id: `f-${id}`,
    'aria-invalid': invalid,
    'aria-describedby': describedBy(invalid && `e-${id}`),
  };
  if (readOnly) {
    return (
      <div className="field readonly">
        <span className="label" id={`l-${id}`}>
          {label}
        </span>
        <p aria-labelledby={`l-${id}`} className="value">
          {readOnlyText(kind, value)}
        </p>
      </div>
    );
  }
  let input: ReactNode;
  switch (kind) {
    case 'enum':
      input = (
        <select {...common} value={(value as string) ?? ''} onChange={(event) => onChange(event.target.value || null)}>
          <option value="">{schema.nullable ? MESSAGES.notSpecified : '—'}</option>
          {schema.enum!.map((option) => (
            <option key={option} value={option}>
              {ENUM_LABELS[option] ?? option}
            </option>
          ))}
        </select>
      );
      break;
    case 'yesNo':
      input = (
        <select
          {...common}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(event) => onChange(event.target.value === '' ? null : event.target.value === 'true')}
        >
          <option value="">{MESSAGES.notSpecified}</option>
          <option value="true">{MESSAGES.yes}</option>
          <option value="false">{MESSAGES.no}</option>
        </select>
      );
      break;
    case 'checkbox':
      return (
        <div className="field checkbox">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label htmlFor={`f-${id}`}>{label}</label>
          <FieldErrors path={id} errors={errors} />
        </div>
      );
    case 'money':
    case 'percent':
    case 'number':
      input = <NumberInput common={common} kind={kind} value={value} onChange={onChange} />;
      break;
    case 'date':
      input = (
        <input
          {...common}
          type="date"
          value={(value as string) ?? ''}
          onChange={(event) => onChange(event.target.value || null)}
        />
      );
      break;
    case 'textarea':
      input = (
        <textarea
          {...common}
          rows={4}
          value={(value as string) ?? ''}
          onChange={(event) => onChange(event.target.value === '' && schema.nullable ? null : event.target.value)}
        />
      );
      break;
    default:
      input = (
        <input
          {...common}
          type="text"
          value={(value as string) ?? ''}
          onChange={(event) => onChange(event.target.value === '' && schema.nullable ? null : event.target.value)}
        />
      );
  }
  return (
    <div className={`field field-${kind}`}>
      <label htmlFor={`f-${id}`}>{label}</label>
      {input}
      <FieldErrors path={id} errors={errors} />
    </div>
  );
}

/**
 * Numbers typed the French way (`12 500,50`). The text stays as typed; the value is the
 * parsed number, or the text itself when it is not one, so that the API names the error.
 */
function NumberInput({
  common,
  kind,
  value,
  onChange,
}: {
  common: Record<string, unknown>;
  kind: 'money' | 'percent' | 'number';
  value: Value;
  onChange(value: Value): void;
}) {
  const toText = (current: Value) =>
    typeof current !== 'number'
      ? typeof current === 'string'
        ? current
        : ''
      : kind === 'money'
        ? centsToInput(current)
        : kind === 'percent'
          ? basisPointsToInput(current)
          : String(current).replace('.', ',');
  const [text, setText] = useState(() => toText(value));
  const [shown, setShown] = useState(value);
  if (shown !== value && !(typeof value === 'string' && value === text)) {
    // Changed from outside (a reload): show the new value.
    setShown(value);
    setText(toText(value));
  }
  const parse = (typed: string): Value => {
    if (!typed.trim()) return null;
    const parsed =
      kind === 'money'
        ? parseEuros(typed)
        : kind === 'percent'
          ? parsePercent(typed)
          : /^-?\d+([.,]\d+)?$/.test(typed.trim())
            ? Number(typed.trim().replace(',', '.'))
            : undefined;
    return parsed ?? typed;
  };
  return (
    <span className="number-input">
      <input
        {...common}
        type="text"
        inputMode="decimal"
        value={text}
        onChange={(event) => {
          const next = parse(event.target.value);
          setText(event.target.value);
          setShown(next);
          onChange(next);
        }}
      />
      {kind !== 'number' && (
        <span className="unit" aria-hidden="true">
          {kind === 'money' ? '€' : '%'}
        </span>
      )}
    </span>
  );
}

function readOnlyText(kind: Kind, value: Value): string {
  if (value === null || value === undefined || value === '') return MESSAGES.notSpecified;
  switch (kind) {
    case 'money':
      return typeof value === 'number' ? formatCents(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? formatBasisPoints(value) : String(value);
    case 'date':
      return formatDate(String(value));
    case 'yesNo':
    case 'checkbox':
      return value ? MESSAGES.yes : MESSAGES.no;
    case 'enum':
      return ENUM_LABELS[String(value)] ?? String(value);
    default:
      return String(value);
  }
}
