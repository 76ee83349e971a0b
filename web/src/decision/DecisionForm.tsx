/**
 * The élus' decision as the clerk types it (RECORD_DECISION): the deliberating body (the
 * standing committee cites its delegation), the sitting's date, the délibération number,
 * the outcome; for an approval the amount with its live check and shares, and a
 * justification once the amount differs from the committee's proposal; the élus who
 * withdrew (déport). The choices come from the API's schema, so a new one appears here.
 * The same form corrects a signed decision (DOMAIN rule 13): a new decision with its own
 * sitting and délibération, the same outcome, and the reason for the correction.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, idempotencyKey, request } from '../api/client';
import type { DecisionView, Dossier, OpinionView, Schemas } from '../api/views';
import { describedBy, ErrorSummary, FieldErrors, SelectField, TextField, type ErrorMap } from '../components/fields';
import { schemaNamed } from '../components/SchemaForm';
import { centsToInput, formatCents, formatInteger, parseEuros, todayIso } from '../format';
import { DECISION_OUTCOME_LABELS, ENUM_LABELS, EVENT_CONFIRMATIONS, EVENT_LABELS, MESSAGES } from '../i18n/fr';
import { useLeaveGuard } from '../router';
import { AmountCheckResult } from '../dossier/AmountCheck';
import { EventErrors, formErrors } from './eventErrors';

type RecordDecision = Schemas['RecordDecisionEventDto'];

const SCHEMA = schemaNamed('RecordDecisionEventDto');
const BODIES = (SCHEMA.properties?.body?.enum ?? []) as RecordDecision['body'][];
const OUTCOMES = (SCHEMA.properties?.outcome?.enum ?? []) as RecordDecision['outcome'][];
const FIELDS = new Set([
  'body',
  'delegationReference',
  'sessionDate',
  'deliberation',
  'outcome',
  'amountCents',
  'shares',
  'justification',
  'reason',
]);
/** The API's field for a draft key (the input ids follow the API's names). */
const FIELD_OF_DRAFT: Record<string, string> = { amount: 'amountCents', recused: 'recusedElectedOfficials' };
const isFormField = (id: string) => FIELDS.has(id) || /^recusedElectedOfficials-\d+-name$/.test(id);

interface Draft {
  body: string;
  delegationReference: string;
  sessionDate: string;
  deliberation: string;
  outcome: string;
  amount: string;
  shares: string;
  justification: string;
  recused: string[];
  /** A correction's reason. */
  reason: string;
}

const EMPTY: Draft = {
  body: '',
  delegationReference: '',
  sessionDate: '',
  deliberation: '',
  outcome: '',
  amount: '',
  shares: '',
  justification: '',
  recused: [],
  reason: '',
};

/** A correction starts from the decision it corrects; its sitting and délibération are new. */
function draftCorrecting(decision: DecisionView): Draft {
  return {
    ...EMPTY,
    body: decision.body,
    delegationReference: decision.delegationReference ?? '',
    outcome: decision.outcome,
    amount: centsToInput(decision.amountCents),
    shares: decision.shares === null ? '' : String(decision.shares),
    justification: decision.justification ?? '',
    recused: decision.recusedElectedOfficials.map((official) => official.name),
  };
}

/**
 * The event's body. Only the fields the choices call for are sent; what cannot be read
 * as a number is sent as typed, so that the API names the error beside its field. A
 * correction keeps the corrected outcome: it is not sent, the reason is.
 */
function bodyOf(draft: Draft, justify: boolean, correction: boolean): Record<string, unknown> {
  const body: Partial<Record<keyof RecordDecision, unknown>> = {
    type: 'RECORD_DECISION',
    body: draft.body || undefined,
    sessionDate: draft.sessionDate,
    deliberation: draft.deliberation,
    outcome: draft.outcome || undefined,
    recusedElectedOfficials: draft.recused.map((name) => ({ name })),
  };
  if (draft.body === 'COMMISSION_PERMANENTE') body.delegationReference = draft.delegationReference;
  if (draft.outcome === 'APPROVED') {
    if (draft.amount.trim()) body.amountCents = parseEuros(draft.amount) ?? draft.amount;
    if (draft.shares.trim()) body.shares = /^\d+$/.test(draft.shares.trim()) ? Number(draft.shares) : draft.shares;
    if (justify) body.justification = draft.justification;
  }
  if (!correction) return body;
  const { type: _type, outcome: _outcome, ...fields } = body;
  return { ...fields, reason: draft.reason };
}

export function DecisionForm({
  dossier,
  proposal,
  corrects,
  onDone,
  onReload,
  onCancel,
}: {
  dossier: Dossier;
  /** The committee's proposal the decision answers (a correction: the corrected decision's). */
  proposal: Pick<OpinionView, 'proposedAmountCents' | 'proposedShares'> | null;
  /** The signed decision in force, when the form records its correction. */
  corrects?: DecisionView;
  onDone(): void;
  onReload(): void;
  onCancel?(): void;
}) {
  const [initial] = useState<Draft>(() => (corrects ? draftCorrecting(corrects) : EMPTY));
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useLeaveGuard(dirty, MESSAGES.leaveWarning);
  // A field's error goes once the field is changed; the others stay until the next sending.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const errors = new Map(
    [...formErrors(error, isFormField)].filter(([id]) => !edited.has(id.replace(/-\d+-name$/, ''))),
  );
  const set = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setEdited((current) => new Set([...current, ...Object.keys(change).map((key) => FIELD_OF_DRAFT[key] ?? key)]));
  };

  const approved = draft.outcome === 'APPROVED';
  const amount = parseEuros(draft.amount);
  const proposed = proposal?.proposedAmountCents ?? null;
  const justify = approved && amount !== undefined && amount !== proposed;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setEdited(new Set());
    try {
      if (corrects) {
        await request('POST', `/dossiers/${dossier.id}/decision/corrections`, bodyOf(draft, justify, true));
      } else {
        await request('POST', `/dossiers/${dossier.id}/events`, bodyOf(draft, justify, false), {
          headers: { 'if-match': `"${dossier.version}"`, 'idempotency-key': idempotencyKey() },
        });
      }
      setDraft(initial);
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="decision-form-title">
      <h2 id="decision-form-title">{corrects ? 'Corriger la décision' : EVENT_LABELS.RECORD_DECISION}</h2>
      <p>
        {corrects
          ? `La correction est une nouvelle décision, avec sa séance et son numéro de délibération, qui remplacera la délibération n° ${corrects.deliberationNumber} une fois signée ; d’ici là, celle-ci reste en vigueur et inchangée.`
          : EVENT_CONFIRMATIONS.RECORD_DECISION}
      </p>
      <EventErrors error={error} fieldErrors={errors} onReload={onReload} />
      <ErrorSummary errors={errors} />
      <fieldset className="group">
        <legend>Séance</legend>
        <SelectField
          id="body"
          label="Instance qui délibère"
          value={draft.body}
          onChange={(body) => set({ body })}
          options={BODIES.map((value) => ({ value, label: ENUM_LABELS[value] ?? value }))}
          errors={errors}
        />
        {draft.body === 'COMMISSION_PERMANENTE' && (
          <TextField
            id="delegationReference"
            label="Référence de la délégation à la commission permanente"
            hint="La délibération du conseil départemental qui délègue cette décision (par exemple « Délibération CD-2025-001 du 2 juillet 2025 »)."
            value={draft.delegationReference}
            onChange={(delegationReference) => set({ delegationReference })}
            errors={errors}
          />
        )}
        <TextField
          id="sessionDate"
          type="date"
          label="Date de la séance"
          hint="La décision est prise en séance : la date ne peut être ni antérieure à l’avis du comité d’engagement, ni postérieure à aujourd’hui."
          max={todayIso()}
          value={draft.sessionDate}
          onChange={(sessionDate) => set({ sessionDate })}
          errors={errors}
        />
        <TextField
          id="deliberation"
          label="Numéro de délibération"
          hint="Chaque numéro ne sert qu’une fois : majuscules et minuscules, variantes de tirets ou caractères pleine chasse désignent le même numéro. Les caractères invisibles sont refusés."
          value={draft.deliberation}
          onChange={(deliberation) => set({ deliberation })}
          errors={errors}
        />
      </fieldset>
      <fieldset className="group">
        <legend>Décision</legend>
        {corrects ? (
          <p>
            Sens de la décision : <strong>{DECISION_OUTCOME_LABELS[corrects.outcome] ?? corrects.outcome}</strong> (une
            correction garde le sens de la décision qu’elle corrige).
          </p>
        ) : (
          <SelectField
            id="outcome"
            label="Sens de la décision"
            value={draft.outcome}
            onChange={(outcome) => set({ outcome })}
            options={OUTCOMES.map((value) => ({ value, label: DECISION_OUTCOME_LABELS[value] ?? value }))}
            errors={errors}
          />
        )}
        {approved && (
          <>
            <div className="field">
              <label htmlFor="f-amountCents">Montant décidé (€)</label>
              <p className="hint" id="h-amountCents">
                {proposed !== null
                  ? `Montant proposé par le comité : ${formatCents(proposed)}${proposal?.proposedShares ? ` (${formatInteger(proposal.proposedShares)} parts)` : ''}.`
                  : 'Le comité n’a pas proposé de montant : une justification sera demandée.'}{' '}
                Le contrôle se met à jour pendant la saisie.
              </p>
              <span className="number-input">
                <input
                  id="f-amountCents"
                  type="text"
                  inputMode="decimal"
                  value={draft.amount}
                  onChange={(event) => set({ amount: event.target.value })}
                  aria-invalid={errors.has('amountCents') || undefined}
                  aria-describedby={describedBy(
                    'h-amountCents',
                    'decision-amount-check',
                    errors.has('amountCents') && 'e-amountCents',
                  )}
                />
                <span className="unit" aria-hidden="true">
                  €
                </span>
              </span>
              <FieldErrors path="amountCents" errors={errors} />
              <AmountCheckResult id="decision-amount-check" dossierId={dossier.id} amountCents={amount} />
            </div>
            <TextField
              id="shares"
              label="Nombre de parts (facultatif)"
              hint={sharesHint(amount, draft.shares, dossier.nominalShareValueCents)}
              inputMode="numeric"
              value={draft.shares}
              onChange={(shares) => set({ shares })}
              errors={errors}
            />
            {justify && (
              <TextField
                id="justification"
                multiline
                label="Justification de l’écart avec le montant proposé"
                hint={
                  proposed === null
                    ? 'Obligatoire : le comité n’a pas proposé de montant.'
                    : `Obligatoire : le montant décidé diffère du montant proposé (${formatCents(proposed)}).`
                }
                value={draft.justification}
                onChange={(justification) => set({ justification })}
                errors={errors}
              />
            )}
          </>
        )}
      </fieldset>
      <RecusedList names={draft.recused} onChange={(recused) => set({ recused })} errors={errors} />
      {corrects && (
        <TextField
          id="reason"
          multiline
          label="Motif de la correction"
          hint="Obligatoire : ce que la correction rectifie, et pourquoi. Il est inscrit au journal du dossier."
          value={draft.reason}
          onChange={(reason) => set({ reason })}
          errors={errors}
        />
      )}
      <p className="document-links">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? MESSAGES.saving : corrects ? 'Enregistrer la correction' : EVENT_LABELS.RECORD_DECISION}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {MESSAGES.cancel}
          </button>
        )}
      </p>
    </form>
  );
}

/** What the shares must be: the amount divided by the nominal value, said as it is typed. */
function sharesHint(amount: number | undefined, typed: string, nominal: number): string {
  const base = `Valeur nominale d’une part : ${formatCents(nominal)}.`;
  if (amount === undefined || amount <= 0) return base;
  if (amount % nominal !== 0) return `${base} Le montant ne correspond pas à un nombre entier de parts.`;
  const expected = amount / nominal;
  const shares = Number(typed.trim());
  if (typed.trim() && shares !== expected) {
    return `${base} Attention : ${formatCents(amount)} font ${formatInteger(expected)} parts, pas ${typed.trim()}.`;
  }
  return `${base} ${formatCents(amount)} font ${formatInteger(expected)} parts.`;
}

function RecusedList({
  names,
  onChange,
  errors,
}: {
  names: string[];
  onChange(names: string[]): void;
  errors: ErrorMap;
}) {
  return (
    <fieldset className="group rows" id="f-recusedElectedOfficials" tabIndex={-1}>
      <legend>Élus déportés</legend>
      <p className="hint">
        Les élus qui ont un intérêt dans la SCIC ont quitté la séance et n’ont pris part ni au débat ni au vote. Un élu
        déporté ne peut pas signer la décision. Les élus qui ont déclaré un intérêt dans la SCIC dans l’application y
        sont ajoutés d’office.
      </p>
      <FieldErrors path="recusedElectedOfficials" errors={errors} />
      {names.length === 0 && <p className="muted">Aucun élu déporté.</p>}
      {names.map((name, index) => {
        const id = `recusedElectedOfficials-${index}-name`;
        return (
          <div className="recused-row" key={index}>
            <div className="field">
              <label htmlFor={`f-${id}`}>Nom de l’élu déporté n° {index + 1}</label>
              <input
                id={`f-${id}`}
                type="text"
                autoComplete="off"
                value={name}
                onChange={(event) =>
                  onChange(names.map((current, at) => (at === index ? event.target.value : current)))
                }
                aria-invalid={errors.has(id) || undefined}
                aria-describedby={describedBy(errors.has(id) && `e-${id}`)}
              />
              <FieldErrors path={id} errors={errors} />
            </div>
            <button
              type="button"
              className="button secondary small"
              onClick={() => onChange(names.filter((_, at) => at !== index))}
            >
              {MESSAGES.remove}
              <span className="visually-hidden"> l’élu déporté n° {index + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" className="button secondary small" onClick={() => onChange([...names, ''])}>
        Ajouter un élu déporté
      </button>
    </fieldset>
  );
}
