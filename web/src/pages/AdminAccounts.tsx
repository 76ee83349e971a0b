/**
 * Administration of account acts that need care: signing delegations under four eyes
 * (one administrator records the arrêté, another confirms it) and password resets (a
 * one-time password, shown once). Every act asks for what the journal keeps: a reason.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Delegation, DelegationScope, UserView } from '../api/views';
import { ErrorSummary, SelectField, TextField, fieldErrorMap } from '../components/fields';
import { ConfirmDialog, ErrorMessage, Notice } from '../components/ui';
import { ACTION_CONFIRMATIONS } from '../i18n/fr';
import { formatDate } from '../format';
import { useLoad } from '../hooks';

const SCOPE_LABELS: Record<DelegationScope, string> = {
  ALL: 'Toutes les décisions',
  COMMISSION_PERMANENTE: 'Décisions de la commission permanente',
  CONSEIL_DEPARTEMENTAL: 'Décisions du conseil départemental',
};

const STATUS_LABELS: Record<Delegation['status'], string> = {
  AWAITING_CONFIRMATION: 'À confirmer par un second administrateur',
  UPCOMING: 'Confirmée, pas encore en vigueur',
  IN_FORCE: 'En vigueur',
  ENDED: 'Échue',
  REVOKED: 'Révoquée',
};

/** The élus' delegations: list, record, confirm (another admin), revoke (with a reason). */
export function Delegations({ users, meId }: { users: UserView[]; meId: string }) {
  const elus = users.filter((user) => user.active && user.roles.some((grant) => grant.role === 'elected_official'));
  const [userId, setUserId] = useState('');
  const [round, setRound] = useState(0);
  const delegations = useLoad(
    () =>
      userId
        ? api.get<{ items: Delegation[] }>(`/users/${userId}/delegations`)
        : Promise.resolve({ items: [] as Delegation[] }),
    `${userId}/${round}`,
  );
  const refresh = () => setRound((value) => value + 1);
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return (
    <section aria-labelledby="delegations-title">
      <h2 id="delegations-title">Délégations de signature</h2>
      <p>
        Une délégation est enregistrée par un administrateur d’après l’arrêté, puis confirmée par un second
        administrateur : elle n’est en vigueur qu’après cette confirmation, entre ses dates.
      </p>
      <SelectField
        id="delegation-user"
        label="Élu"
        value={userId}
        onChange={setUserId}
        options={elus.map((user) => ({ value: user.id, label: user.displayName }))}
        errors={new Map()}
      />
      {delegations.error && <ErrorMessage error={delegations.error} onRetry={delegations.reload} />}
      {userId && delegations.data && (
        <>
          <DelegationTable items={delegations.data.items} names={names} meId={meId} onChanged={refresh} />
          <RecordDelegation userId={userId} onRecorded={refresh} />
        </>
      )}
    </section>
  );
}

function DelegationTable({
  items,
  names,
  meId,
  onChanged,
}: {
  items: Delegation[];
  names: Map<string, string>;
  meId: string;
  onChanged(): void;
}) {
  const [error, setError] = useState<ApiError>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [revoking, setRevoking] = useState<Delegation>();
  const act = async (delegation: Delegation, action: 'confirm' | 'revoke') => {
    setError(undefined);
    try {
      await api.post(
        `/delegations/${delegation.id}/${action}`,
        action === 'revoke' ? { reason: reasons[delegation.id] ?? '' } : {},
      );
      onChanged();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  if (!items.length) return <p>Aucune délégation enregistrée pour cet élu.</p>;
  return (
    <>
      {error && <ErrorMessage error={error} />}
      <table className="table">
        <caption className="visually-hidden">Délégations de l’élu</caption>
        <thead>
          <tr>
            <th scope="col">Arrêté</th>
            <th scope="col">Décisions concernées</th>
            <th scope="col">Période</th>
            <th scope="col">État</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((delegation) => (
            <tr key={delegation.id}>
              <td>
                {delegation.arreteReference} du {formatDate(delegation.arreteDate)}
              </td>
              <td>{SCOPE_LABELS[delegation.scope]}</td>
              <td>
                du {formatDate(delegation.startsOn)}
                {delegation.endsOn ? ` au ${formatDate(delegation.endsOn)}` : ' (sans terme)'}
              </td>
              <td>
                {STATUS_LABELS[delegation.status]}
                {delegation.status === 'AWAITING_CONFIRMATION' &&
                  ` (enregistrée par ${names.get(delegation.createdBy) ?? delegation.createdBy})`}
                {delegation.revokedReason && ` — motif : ${delegation.revokedReason}`}
              </td>
              <td>
                {delegation.status === 'AWAITING_CONFIRMATION' && delegation.createdBy !== meId && (
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => void act(delegation, 'confirm')}
                  >
                    Confirmer<span className="visually-hidden"> la délégation {delegation.arreteReference}</span>
                  </button>
                )}
                {delegation.status !== 'REVOKED' && delegation.status !== 'ENDED' && (
                  <div className="inline-form">
                    <div className="field">
                      <label htmlFor={`f-revoke-${delegation.id}`}>Motif de révocation</label>
                      <input
                        id={`f-revoke-${delegation.id}`}
                        value={reasons[delegation.id] ?? ''}
                        onChange={(event) => setReasons({ ...reasons, [delegation.id]: event.target.value })}
                      />
                    </div>
                    <button type="button" className="button secondary small" onClick={() => setRevoking(delegation)}>
                      Révoquer<span className="visually-hidden"> la délégation {delegation.arreteReference}</span>
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking && (
        <ConfirmDialog
          title={ACTION_CONFIRMATIONS.revokeDelegation.title}
          text={`Arrêté ${revoking.arreteReference} : ${ACTION_CONFIRMATIONS.revokeDelegation.text}`}
          confirmLabel={ACTION_CONFIRMATIONS.revokeDelegation.confirm}
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await act(revoking, 'revoke');
            setRevoking(undefined);
          }}
        />
      )}
    </>
  );
}

const EMPTY_DELEGATION = { arreteReference: '', arreteDate: '', scope: 'ALL', startsOn: '', endsOn: '' };

function RecordDelegation({ userId, onRecorded }: { userId: string; onRecorded(): void }) {
  const [form, setForm] = useState(EMPTY_DELEGATION);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const errors = fieldErrorMap(error);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone('');
    try {
      await api.post(`/users/${userId}/delegations`, {
        arreteReference: form.arreteReference.trim(),
        arreteDate: form.arreteDate,
        scope: form.scope,
        startsOn: form.startsOn,
        ...(form.endsOn ? { endsOn: form.endsOn } : {}),
      });
      setDone('Délégation enregistrée : un second administrateur doit maintenant la confirmer.');
      setForm(EMPTY_DELEGATION);
      onRecorded();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="record-delegation-title" noValidate>
      <h3 id="record-delegation-title">Enregistrer une délégation</h3>
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      {done && <Notice kind="success">{done}</Notice>}
      <TextField
        id="arreteReference"
        label="Référence de l’arrêté"
        value={form.arreteReference}
        onChange={(arreteReference) => set({ arreteReference })}
        errors={errors}
      />
      <TextField
        id="arreteDate"
        type="date"
        label="Date de l’arrêté"
        value={form.arreteDate}
        onChange={(arreteDate) => set({ arreteDate })}
        errors={errors}
      />
      <SelectField
        id="scope"
        label="Décisions concernées"
        value={form.scope}
        onChange={(scope) => set({ scope })}
        options={Object.entries(SCOPE_LABELS).map(([value, label]) => ({ value, label }))}
        errors={errors}
      />
      <TextField
        id="startsOn"
        type="date"
        label="En vigueur à partir du"
        value={form.startsOn}
        onChange={(startsOn) => set({ startsOn })}
        errors={errors}
      />
      <TextField
        id="endsOn"
        type="date"
        label="Jusqu’au (facultatif)"
        value={form.endsOn}
        onChange={(endsOn) => set({ endsOn })}
        errors={errors}
      />
      <button type="submit" className="button primary">
        Enregistrer une délégation
      </button>
    </form>
  );
}

/** Another user's password reset: a reason, then the one-time password shown once. */
export function PasswordReset({ users, meId }: { users: UserView[]; meId: string }) {
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [issued, setIssued] = useState<{ name: string; password: string }>();
  const errors = fieldErrorMap(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setIssued(undefined);
    try {
      const answer = await api.post<{ temporaryPassword: string }>(`/users/${userId}/password`, { reason });
      const name = users.find((user) => user.id === userId)?.displayName ?? '';
      setIssued({ name, password: answer.temporaryPassword });
      setReason('');
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="reset-title" noValidate>
      <h3 id="reset-title">Réinitialiser un mot de passe</h3>
      <p>
        Le mot de passe provisoire n’est valable qu’une fois : à sa prochaine connexion, la personne doit le remplacer,
        et d’ici là elle ne peut ni décider ni signer. Ses sessions et jetons en cours sont fermés.
      </p>
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      {issued && (
        <Notice kind="success">
          Mot de passe provisoire de {issued.name} (affiché une seule fois) : <code>{issued.password}</code>
        </Notice>
      )}
      <SelectField
        id="reset-user"
        label="Compte"
        value={userId}
        onChange={setUserId}
        options={users
          .filter((user) => user.active && user.id !== meId)
          .map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }))}
        errors={errors}
      />
      <TextField id="reason" label="Motif" value={reason} onChange={setReason} errors={errors} />
      <button type="submit" className="button primary" disabled={!userId}>
        Réinitialiser le mot de passe
      </button>
    </form>
  );
}
