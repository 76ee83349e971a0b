/**
 * The events the caller may send (the API's `allowedEvents`), each behind a confirmation
 * dialog that asks what the event needs (a reason, a date, a session…). The dialog keeps
 * what was typed through a refusal: a stale version (412) offers to reload the dossier
 * first, unmet conditions (409) list what is missing, a bad field (422) is shown beside it.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError, idempotencyKey, request } from '../api/client';
import type { Dossier, DocumentType, EventType, SessionView, VoteTally } from '../api/views';
import { describedBy, ErrorSummary, FieldErrors, fieldErrorMap, SelectField } from '../components/fields';
import { Dialog, ErrorMessage } from '../components/ui';
import { formatDate, parseEuros, todayIso } from '../format';
import { useLoad } from '../hooks';
import { ENUM_LABELS, EVENT_CONFIRMATIONS, EVENT_LABELS, INSTRUCTION_STEP_LABELS, MESSAGES } from '../i18n/fr';
import { Link } from '../router';
import { AmountCheckResult } from './AmountCheck';
import { describeTally, opinionDirection } from './tally';

const REASON_REQUIRED: EventType[] = ['WITHDRAW', 'CLOSE', 'SEND_BACK', 'REQUEST_COMPLEMENTS'];
const STEPS = ['activity', 'essPractices', 'economic'] as const;

export function Actions({
  dossier,
  onDone,
  onReload,
}: {
  dossier: Dossier;
  onDone(label: string): void;
  onReload(): void;
}) {
  const [open, setOpen] = useState<EventType>();
  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">{MESSAGES.actionsTitle}</h2>
      {dossier.allowedEvents.length === 0 && <p>{MESSAGES.noActions}</p>}
      <ul className="action-list">
        {dossier.allowedEvents.map((type) => (
          <li key={type}>
            {type === 'RECORD_DECISION' || type === 'SIGN' ? (
              <Link className="button primary" href={`/dossiers/${dossier.id}/decision`}>
                {EVENT_LABELS[type]}
              </Link>
            ) : (
              <button
                type="button"
                className={type === 'WITHDRAW' || type === 'CLOSE' ? 'button danger' : 'button primary'}
                onClick={() => setOpen(type)}
              >
                {EVENT_LABELS[type] ?? type}
              </button>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <EventDialog
          type={open}
          dossier={dossier}
          onClose={() => setOpen(undefined)}
          onReload={onReload}
          onDone={() => {
            setOpen(undefined);
            onDone(EVENT_LABELS[open] ?? open);
          }}
        />
      )}
    </section>
  );
}

type Draft = Record<string, string | string[]>;

export function EventDialog({
  type,
  dossier,
  onClose,
  onDone,
  onReload,
}: {
  type: EventType;
  dossier: Dossier;
  onClose(): void;
  onDone(): void;
  onReload(): void;
}) {
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorMap(error);
  const set = (key: string) => (value: string | string[]) => setDraft((current) => ({ ...current, [key]: value }));
  const text = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string) : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await request('POST', `/dossiers/${dossier.id}/events`, bodyOf(type, draft), {
        headers: { 'if-match': `"${dossier.version}"`, 'idempotency-key': idempotencyKey() },
      });
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };

  const reasonRequired = REASON_REQUIRED.includes(type);
  return (
    <Dialog title={EVENT_LABELS[type] ?? type} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <p>{EVENT_CONFIRMATIONS[type]}</p>
        <p className="muted">
          {dossier.reference} — {dossier.scic.name}
        </p>
        {error?.status === 412 && (
          <div className="alert alert-warning" role="alert">
            <p>{MESSAGES.dossierConflict.replace('{current}', String(error.currentVersion ?? '?'))}</p>
            <button type="button" className="button secondary" onClick={onReload}>
              {MESSAGES.reloadDossier}
            </button>
          </div>
        )}
        {error && error.problems.length > 0 && (
          <div className="alert alert-error" role="alert">
            <p>{MESSAGES.conditionsNotMet}</p>
            <ul>
              {error.problems.map((problem, index) => (
                <li key={index}>{problem.message}</li>
              ))}
            </ul>
          </div>
        )}
        {error && error.status !== 412 && error.problems.length === 0 && errors.size === 0 && (
          <ErrorMessage error={error} />
        )}
        <ErrorSummary errors={errors} />
        {type === 'SEND_BACK' && (
          <SelectField
            id="toStep"
            label="Étape à reprendre"
            value={text('toStep')}
            onChange={set('toStep')}
            errors={errors}
            options={STEPS.filter((step) => `instruction.${step}` !== dossier.state).map((step) => ({
              value: step,
              label: INSTRUCTION_STEP_LABELS[step],
            }))}
          />
        )}
        {type === 'SCHEDULE_COMMITTEE' && (
          <SessionChoice value={text('sessionId')} onChange={set('sessionId')} errors={errors} />
        )}
        {type === 'REQUEST_COMPLEMENTS' && (
          <>
            <div className="field">
              <label htmlFor="f-dueDate">Date limite de réception</label>
              <input
                id="f-dueDate"
                type="date"
                min={todayIso()}
                value={text('dueDate')}
                onChange={(event) => set('dueDate')(event.target.value)}
                aria-invalid={errors.has('dueDate') || undefined}
                aria-describedby={describedBy(errors.has('dueDate') && 'e-dueDate')}
              />
              <FieldErrors path="dueDate" errors={errors} />
            </div>
            <PieceChoice value={(draft.pieces as string[]) ?? []} onChange={set('pieces')} />
          </>
        )}
        {type === 'RECORD_OPINION' && <OpinionFields dossier={dossier} draft={draft} set={set} errors={errors} />}
        {(reasonRequired || type === 'SCHEDULE_COMMITTEE') && (
          <div className="field">
            <label htmlFor="f-reason">
              {type === 'REQUEST_COMPLEMENTS' ? 'Compléments demandés' : MESSAGES.reason}
              {!reasonRequired && ' (facultatif)'}
            </label>
            {reasonRequired && (
              <p className="hint" id="h-reason">
                {MESSAGES.reasonHint}
              </p>
            )}
            <textarea
              id="f-reason"
              rows={3}
              required={reasonRequired}
              value={text('reason')}
              onChange={(event) => set('reason')(event.target.value)}
              aria-invalid={errors.has('reason') || undefined}
              aria-describedby={describedBy(reasonRequired && 'h-reason', errors.has('reason') && 'e-reason')}
            />
            <FieldErrors path="reason" errors={errors} />
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button secondary" onClick={onClose}>
            {MESSAGES.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? MESSAGES.saving : MESSAGES.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The event's body from what was typed: empty optional fields are left out. */
function bodyOf(type: EventType, draft: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const [key, value] of Object.entries(draft)) {
    if (Array.isArray(value)) {
      if (value.length) body[key] = value;
    } else if (key.endsWith('Cents')) {
      if (value.trim()) body[key] = parseEuros(value) ?? value;
    } else if (key === 'proposedShares') {
      if (value.trim()) body[key] = Number(value) || value;
    } else if (value !== '' || REASON_REQUIRED.includes(type)) {
      body[key] = value;
    }
  }
  if (REASON_REQUIRED.includes(type) && body.reason === undefined) body.reason = '';
  return body;
}

function SessionChoice({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange(value: string): void;
  errors: Map<string, string[]>;
}) {
  const sessions = useLoad(() => api.get<SessionView[]>('/committee/sessions'), 'sessions');
  const open = (sessions.data ?? []).filter((session) => session.status === 'OPEN');
  return (
    <>
      {sessions.error && <ErrorMessage error={sessions.error} />}
      <SelectField
        id="sessionId"
        label="Séance du comité"
        value={value}
        onChange={onChange}
        errors={errors}
        options={open.map((session) => ({
          value: session.id,
          label: `Séance du ${formatDate(session.sessionDate)}${session.place ? ` — ${session.place}` : ''}`,
        }))}
      />
      {sessions.data && open.length === 0 && <p>Aucune séance ouverte : la secrétaire du comité doit en créer une.</p>}
    </>
  );
}

function PieceChoice({ value, onChange }: { value: string[]; onChange(value: string[]): void }) {
  const types = useLoad(() => api.get<{ items: DocumentType[] }>('/document-types'), 'document-types');
  return (
    <fieldset className="group">
      <legend>Pièces à fournir (facultatif)</legend>
      {types.data?.items.map((type) => (
        <div className="field checkbox" key={type.code}>
          <input
            id={`f-piece-${type.code}`}
            type="checkbox"
            checked={value.includes(type.code)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, type.code] : value.filter((code) => code !== type.code))
            }
          />
          <label htmlFor={`f-piece-${type.code}`}>{type.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The secretary's opinion form (RECORD_OPINION), with the amount check as the amount is typed. */
export function OpinionFields({
  dossier,
  draft,
  set,
  errors,
}: {
  dossier: Dossier;
  draft: Draft;
  set(key: string): (value: string) => void;
  errors: Map<string, string[]>;
}) {
  const opinion = (draft.opinion as string) ?? '';
  const favourable = opinion === 'FAVOURABLE' || opinion === 'FAVOURABLE_WITH_CONDITIONS';
  const amount = parseEuros((draft.proposedAmountCents as string) ?? '');
  // The sitting members' votes: the opinion must agree with their majority (DOMAIN rule 7).
  const votes = useLoad(() => api.get<{ majority: VoteTally | null }>(`/dossiers/${dossier.id}/votes`), dossier.id);
  const tally = votes.data?.majority ?? null;
  const contradicts = tally !== null && opinion !== '' && opinionDirection(opinion) !== tally.direction;
  return (
    <>
      <p id="opinion-tally" className="hint">
        {tally
          ? `Votes des membres siégeant : ${describeTally(tally)}.`
          : 'Aucun vote des membres siégeant n’est enregistré pour ce dossier.'}
      </p>
      <div aria-live="polite">
        {contradicts && (
          <p className="field-error" id="opinion-contradicts">
            L’avis « {ENUM_LABELS[opinion] ?? opinion} » contredit les votes des membres siégeant (
            {describeTally(tally)}) : il ne pourra pas être enregistré.
          </p>
        )}
      </div>
      <SelectField
        id="opinion"
        label="Avis du comité"
        value={opinion}
        onChange={set('opinion')}
        errors={errors}
        options={['FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ADJOURNED'].map((value) => ({
          value,
          label: ENUM_LABELS[value],
        }))}
      />
      <div className="field">
        <label htmlFor="f-motivation">Motivation de l’avis</label>
        <p className="hint" id="h-motivation">
          Au moins 20 caractères.
        </p>
        <textarea
          id="f-motivation"
          rows={4}
          value={(draft.motivation as string) ?? ''}
          onChange={(event) => set('motivation')(event.target.value)}
          aria-invalid={errors.has('motivation') || undefined}
          aria-describedby={describedBy('h-motivation', errors.has('motivation') && 'e-motivation')}
        />
        <FieldErrors path="motivation" errors={errors} />
      </div>
      {favourable && (
        <div className="field">
          <label htmlFor="f-proposedAmountCents">Montant proposé (€)</label>
          <input
            id="f-proposedAmountCents"
            type="text"
            inputMode="decimal"
            value={(draft.proposedAmountCents as string) ?? ''}
            onChange={(event) => set('proposedAmountCents')(event.target.value)}
            aria-invalid={errors.has('proposedAmountCents') || undefined}
            aria-describedby={describedBy('amount-check', errors.has('proposedAmountCents') && 'e-proposedAmountCents')}
          />
          <FieldErrors path="proposedAmountCents" errors={errors} />
          <AmountCheckResult id="amount-check" dossierId={dossier.id} amountCents={amount} />
        </div>
      )}
      {opinion === 'FAVOURABLE_WITH_CONDITIONS' && (
        <div className="field">
          <label htmlFor="f-conditions">Conditions</label>
          <textarea
            id="f-conditions"
            rows={3}
            value={(draft.conditions as string) ?? ''}
            onChange={(event) => set('conditions')(event.target.value)}
            aria-invalid={errors.has('conditions') || undefined}
            aria-describedby={describedBy(errors.has('conditions') && 'e-conditions')}
          />
          <FieldErrors path="conditions" errors={errors} />
        </div>
      )}
    </>
  );
}
