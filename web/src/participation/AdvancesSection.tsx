/**
 * The « Avances en compte courant d’associé » part of the participation tab (DOMAIN
 * rule 11): the SCIC's advances, all its dossiers, and — for the Mission ESS — recording
 * one (a convention, at most 24 months, renewable once, one open at a time) and closing
 * one once repaid. Refusals show the API's own French message.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import { ErrorSummary, fieldErrorMap, TextField } from '../components/fields';
import { ConfirmDialog, ErrorMessage, Loading, Notice } from '../components/ui';
import { centsToInput, formatCents, formatDate, parseEuros, todayIso } from '../format';
import { useLoad } from '../hooks';
import { ACTION_CONFIRMATIONS, MESSAGES } from '../i18n/fr';
import { useLeaveGuard } from '../router';

export interface AdvanceView {
  id: string;
  dossierId: string;
  dossierReference: string | null;
  conventionReference: string;
  conventionDate: string;
  amountCents: number;
  startsOn: string;
  termMonths: number;
  endsOn: string;
  renewalOf: string | null;
  open: boolean;
  closedOn: string | null;
  closingReason: 'REPAID' | 'RENEWED' | null;
}

interface AdvancesList {
  maxTermMonths: number;
  advances: AdvanceView[];
}

const CLOSING = { REPAID: 'remboursée', RENEWED: 'renouvelée' } as const;

export function AdvancesSection({ dossierId, canWrite }: { dossierId: string; canWrite: boolean }) {
  const [round, setRound] = useState(0);
  const list = useLoad(
    () => api.get<AdvancesList>(`/dossiers/${dossierId}/advances`),
    `${dossierId}/advances/${round}`,
  );
  const [notice, setNotice] = useState('');
  if (list.error) return <ErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const { advances, maxTermMonths } = list.data;
  const done = (message: string) => {
    setNotice(message);
    setRound((value) => value + 1);
  };
  return (
    <section aria-labelledby="advances-title">
      <h3 id="advances-title">Avances en compte courant d’associé</h3>
      <p className="hint">
        Une convention, {maxTermMonths} mois au plus, renouvelable une fois, une seule avance en cours par SCIC (tous
        ses dossiers) — CGCT, art. L1522-5.
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {advances.length === 0 ? (
        <p>Aucune avance n’est enregistrée pour cette SCIC.</p>
      ) : (
        <div className="table-scroll">
          <table className="table compact">
            <caption className="visually-hidden">Avances de la SCIC, de la plus ancienne à la plus récente</caption>
            <thead>
              <tr>
                <th scope="col">Convention</th>
                <th scope="col" className="number">
                  Montant
                </th>
                <th scope="col">Période</th>
                <th scope="col">État</th>
                {canWrite && <th scope="col">Clôture</th>}
              </tr>
            </thead>
            <tbody>
              {advances.map((advance) => (
                <tr key={advance.id}>
                  <td>
                    {advance.conventionReference} du {formatDate(advance.conventionDate)}
                    {advance.renewalOf && ' (renouvellement)'}
                    {advance.dossierId !== dossierId &&
                      advance.dossierReference &&
                      ` — dossier ${advance.dossierReference}`}
                  </td>
                  <td className="number">{formatCents(advance.amountCents)}</td>
                  <td>
                    du {formatDate(advance.startsOn)} au {formatDate(advance.endsOn)} ({advance.termMonths} mois)
                  </td>
                  <td>
                    {advance.open
                      ? 'En cours'
                      : `Clôturée le ${formatDate(advance.closedOn)} (${advance.closingReason ? CLOSING[advance.closingReason] : ''})`}
                  </td>
                  {canWrite && (
                    <td>
                      {advance.open && advance.dossierId === dossierId && (
                        <CloseForm dossierId={dossierId} advance={advance} onDone={() => done('Avance clôturée.')} />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <AdvanceForm
          dossierId={dossierId}
          advances={advances}
          maxTermMonths={maxTermMonths}
          onDone={() => done('Avance enregistrée.')}
        />
      )}
    </section>
  );
}

function CloseForm({ dossierId, advance, onDone }: { dossierId: string; advance: AdvanceView; onDone(): void }) {
  const [closedOn, setClosedOn] = useState(todayIso());
  const [confirming, setConfirming] = useState(false);
  const id = `closedOn-${advance.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Clôturer l’avance « ${advance.conventionReference} »`}>
      <label htmlFor={id}>Remboursée le</label>{' '}
      <input
        id={id}
        type="date"
        max={todayIso()}
        value={closedOn}
        onChange={(event) => setClosedOn(event.target.value)}
      />{' '}
      <button type="submit" className="button secondary">
        Clôturer
      </button>
      {confirming && (
        <ConfirmDialog
          title={ACTION_CONFIRMATIONS.closeAdvance.title}
          text={`Avance « ${advance.conventionReference} », remboursée le ${formatDate(closedOn)} : ${ACTION_CONFIRMATIONS.closeAdvance.text}`}
          confirmLabel={ACTION_CONFIRMATIONS.closeAdvance.confirm}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await api.post(`/dossiers/${dossierId}/advances/${advance.id}/close`, { closedOn, reason: 'REPAID' });
            setConfirming(false);
            onDone();
          }}
        />
      )}
    </form>
  );
}

const EMPTY = {
  conventionReference: '',
  conventionDate: '',
  amount: '',
  startsOn: '',
  termMonths: '24',
  renewalOf: '',
};

function AdvanceForm({
  dossierId,
  advances,
  maxTermMonths,
  onDone,
}: {
  dossierId: string;
  advances: AdvanceView[];
  maxTermMonths: number;
  onDone(): void;
}) {
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useLeaveGuard(JSON.stringify(draft) !== JSON.stringify(EMPTY), MESSAGES.leaveWarning);
  const errors = fieldErrorMap(error);
  // Only an original advance not yet renewed can be renewed (once).
  const renewable = advances.filter(
    (advance) => advance.renewalOf === null && !advances.some((other) => other.renewalOf === advance.id),
  );
  const set = (change: Partial<typeof EMPTY>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const amountCents = parseEuros(draft.amount);
    try {
      await api.post(`/dossiers/${dossierId}/advances`, {
        conventionReference: draft.conventionReference,
        conventionDate: draft.conventionDate,
        amountCents: amountCents ?? draft.amount,
        startsOn: draft.startsOn,
        termMonths: /^\d+$/.test(draft.termMonths) ? Number(draft.termMonths) : draft.termMonths,
        renewalOf: draft.renewalOf || null,
      });
      setDraft(EMPTY);
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="advance-form-title">
      <h4 id="advance-form-title">Enregistrer une avance</h4>
      {error && error.fields.length === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      <TextField
        id="conventionReference"
        label="Référence de la convention"
        hint="Obligatoire : une avance sans convention n’est pas possible."
        maxLength={120}
        value={draft.conventionReference}
        onChange={(conventionReference) => set({ conventionReference })}
        errors={errors}
      />
      <TextField
        id="conventionDate"
        type="date"
        max={todayIso()}
        label="Convention signée le"
        value={draft.conventionDate}
        onChange={(conventionDate) => set({ conventionDate })}
        errors={errors}
      />
      <TextField
        id="amountCents"
        label="Montant de l’avance (€)"
        inputMode="decimal"
        value={draft.amount}
        onChange={(amount) => set({ amount })}
        onBlur={() => {
          const cents = parseEuros(draft.amount);
          if (cents !== undefined) set({ amount: centsToInput(cents) });
        }}
        errors={errors}
      />
      <TextField
        id="startsOn"
        type="date"
        label="Début de l’avance"
        hint="Pas avant la signature de la décision."
        value={draft.startsOn}
        onChange={(startsOn) => set({ startsOn })}
        errors={errors}
      />
      <TextField
        id="termMonths"
        label="Durée (mois)"
        hint={`${maxTermMonths} mois au plus.`}
        inputMode="numeric"
        value={draft.termMonths}
        onChange={(termMonths) => set({ termMonths })}
        errors={errors}
      />
      <div className="field">
        <label htmlFor="f-renewalOf">Nature</label>
        <select id="f-renewalOf" value={draft.renewalOf} onChange={(event) => set({ renewalOf: event.target.value })}>
          <option value="">Nouvelle avance</option>
          {renewable.map((advance) => (
            <option key={advance.id} value={advance.id}>
              Renouvellement de « {advance.conventionReference} » ({formatDate(advance.startsOn)})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? MESSAGES.saving : 'Enregistrer l’avance'}
      </button>
    </form>
  );
}
