/**
 * Administration of the rules' figures: thresholds within their legal bounds, the year's
 * budget envelope, and the administration journal that records every change with its
 * reason. Every change asks for a reason (the API refuses one without).
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Envelope, Threshold } from '../api/views';
import { ErrorSummary, fieldErrorMap, TextField } from '../components/fields';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { formatCents, formatDateTime, parseEuros } from '../format';
import { useLoad } from '../hooks';

/** The bound a threshold's change must respect, as GET /referentials/thresholds gives it. */
interface BoundedThreshold extends Threshold {
  bound: { direction: 'AT_MOST' | 'AT_LEAST' | 'WITHIN'; min: number; max: number; rule: string } | null;
}

interface AdminJournalEntryView {
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  subjectKind: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const REASON_HINT =
  'Pourquoi cette modification (10 caractères au moins) : elle est inscrite au journal d’administration.';

export function Thresholds() {
  const [round, setRound] = useState(0);
  const thresholds = useLoad(() => api.get<{ items: BoundedThreshold[] }>('/referentials/thresholds'), String(round));
  return (
    <section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">Seuils des règles</h2>
      {thresholds.error && <ErrorMessage error={thresholds.error} onRetry={thresholds.reload} />}
      {thresholds.loading && !thresholds.data && <Loading />}
      {thresholds.data?.items.map((threshold) => (
        <ThresholdForm
          key={`${threshold.code}/${round}`}
          threshold={threshold}
          onSaved={() => setRound((value) => value + 1)}
        />
      ))}
    </section>
  );
}

function ThresholdForm({ threshold, onSaved }: { threshold: BoundedThreshold; onSaved(): void }) {
  const [value, setValue] = useState(String(threshold.value));
  const [source, setSource] = useState(threshold.source);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const id = (field: string) => `${field}-${threshold.code}`;
  // The API names the fields `value`, `source`, `reason`: here each form has its own ids.
  const errors = new Map([...fieldErrorMap(error)].map(([field, messages]) => [id(field), messages]));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone('');
    try {
      await api.put(`/referentials/thresholds/${threshold.code}`, { value: Number(value), source, reason });
      setDone(`Seuil enregistré : ${threshold.label}.`);
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <form className="inline-form" onSubmit={save} noValidate>
      <fieldset>
        <legend>{threshold.label}</legend>
        {error && errors.size === 0 && <ErrorMessage error={error} />}
        <ErrorSummary errors={errors} />
        {done && <Notice kind="success">{done}</Notice>}
        <TextField
          id={id('value')}
          label={`Valeur (${threshold.unit.toLowerCase()})`}
          hint={threshold.bound ? `Borne : ${threshold.bound.rule}` : undefined}
          inputMode="numeric"
          value={value}
          onChange={setValue}
          errors={errors}
        />
        <TextField id={id('source')} label="Source" value={source} onChange={setSource} errors={errors} />
        <TextField
          id={id('reason')}
          label="Motif de la modification"
          hint={REASON_HINT}
          value={reason}
          onChange={setReason}
          errors={errors}
          maxLength={1000}
        />
        <button type="submit" className="button secondary small">
          Enregistrer<span className="visually-hidden"> : {threshold.label}</span>
        </button>
      </fieldset>
    </form>
  );
}

export function EnvelopeSection() {
  const year = new Date().getFullYear();
  const [round, setRound] = useState(0);
  const envelope = useLoad(() => api.get<Envelope>(`/envelopes/${year}`), `${year}/${round}`);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState(`AP ${year}-SCIC`);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const errors = fieldErrorMap(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.put(`/envelopes/${year}`, {
        amountCents: parseEuros(amount) ?? amount,
        programmeReference: reference,
        reason,
      });
      setReason('');
      setRound((value) => value + 1);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <section aria-labelledby="envelope-title">
      <h2 id="envelope-title">Enveloppe budgétaire {year}</h2>
      {envelope.data ? (
        <p>
          {envelope.data.programmeReference} : {formatCents(envelope.data.amountCents)} votés,{' '}
          {formatCents(envelope.data.committedCents)} engagés, {formatCents(envelope.data.remainingCents)} disponibles.
          L’enveloppe ne peut pas descendre sous le montant engagé.
        </p>
      ) : (
        envelope.error && <p>Aucune enveloppe n’est fixée pour {year}.</p>
      )}
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          id="amountCents"
          label="Montant voté (€)"
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          errors={errors}
        />
        <TextField
          id="programmeReference"
          label="Référence du programme"
          value={reference}
          onChange={setReference}
          errors={errors}
        />
        <TextField
          id="reason"
          label="Motif de la modification"
          hint={REASON_HINT}
          value={reason}
          onChange={setReason}
          errors={errors}
          maxLength={1000}
        />
        <button type="submit" className="button primary">
          Fixer l’enveloppe
        </button>
      </form>
    </section>
  );
}

const RECENT = 20;

/** The acts in French; an act not listed shows its code. */
const ENTRY_LABELS: Record<string, string> = {
  THRESHOLD_CHANGED: 'Seuil modifié',
  SERVICE_CHANGED: 'Service modifié',
  ORIENTATION_CHANGED: 'Orientation modifiée',
  MARKER_CHANGED: 'Marqueur modifié',
  ENVELOPE_SET: 'Enveloppe fixée',
  ENVELOPE_CHANGED: 'Enveloppe modifiée',
  ACCOUNT_CREATED: 'Compte créé',
  PASSWORD_RESET: 'Mot de passe réinitialisé',
  PASSWORD_CHANGED: 'Mot de passe changé',
  DELEGATION_RECORDED: 'Délégation enregistrée',
  TOKEN_MADE: 'Jeton d’API créé',
  TOKEN_REVOKED: 'Jeton d’API révoqué',
};

const SUBJECT_LABELS: Record<string, string> = {
  threshold: 'Seuil',
  service: 'Service',
  orientation: 'Orientation',
  marker: 'Marqueur',
  envelope: 'Enveloppe',
  user: 'Compte',
  token: 'Jeton',
  delegation: 'Délégation',
};

/** The latest entries of the administration journal, whether its chain holds, and its export. */
export function AdminJournalSection() {
  const journal = useLoad(async () => {
    const verification = await api.get<{ valid: boolean; entries: number; firstBrokenSeq: number | null }>(
      '/admin-journal/verify',
    );
    const afterSeq = Math.max(0, verification.entries - RECENT);
    const page = await api.get<{ items: AdminJournalEntryView[] }>(
      `/admin-journal?afterSeq=${afterSeq}&limit=${RECENT}`,
    );
    return { verification, entries: [...page.items].reverse() };
  }, 'admin-journal');
  const data = journal.data;
  return (
    <section aria-labelledby="admin-journal-title">
      <h2 id="admin-journal-title">Journal d’administration</h2>
      {journal.error && <ErrorMessage error={journal.error} onRetry={journal.reload} />}
      {journal.loading && !data && <Loading />}
      {data &&
        (data.verification.valid ? (
          <Notice kind="success">
            Chaîne d’empreintes intègre : {data.verification.entries} entrée(s) vérifiée(s).
          </Notice>
        ) : (
          <Notice kind="warning">
            Chaîne d’empreintes rompue à l’entrée n° {data.verification.firstBrokenSeq} : le journal a été modifié hors
            de l’application.
          </Notice>
        ))}
      {data && data.entries.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Dernières entrées du journal d’administration</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Date</th>
              <th scope="col">Acte</th>
              <th scope="col">Auteur</th>
              <th scope="col">Objet</th>
              <th scope="col">Avant → après</th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td>{formatDateTime(entry.occurredAt)}</td>
                <td>{ENTRY_LABELS[entry.type] ?? entry.type}</td>
                <td>{entry.actorId}</td>
                <td>
                  {SUBJECT_LABELS[entry.subjectKind] ?? entry.subjectKind} {entry.subjectId}
                </td>
                <td>
                  <code>{JSON.stringify(entry.before)}</code> → <code>{JSON.stringify(entry.after)}</code>
                </td>
                <td>{entry.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="document-links">
        <a className="button secondary" href="/api/admin-journal/export.csv" download>
          Exporter le journal d’administration (CSV)
        </a>
      </p>
    </section>
  );
}
