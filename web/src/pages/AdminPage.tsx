/** Administration: accounts and roles, thresholds of the rules, and the year's budget envelope. */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Envelope, Role, Threshold, UserView } from '../api/views';
import { ErrorSummary, FieldErrors, describedBy, fieldErrorMap } from '../components/fields';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { formatCents, parseEuros } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ROLE_LABELS } from '../i18n/fr';
import { useMe } from '../auth';
import { Delegations, PasswordReset } from './AdminAccounts';

export function AdminPage() {
  useTitle('Administration');
  return (
    <>
      <h1>Administration</h1>
      <Users />
      <Thresholds />
      <EnvelopeSection />
    </>
  );
}

function Users() {
  const me = useMe();
  const [round, setRound] = useState(0);
  const users = useLoad(() => api.get<UserView[] | { items: UserView[] }>('/users'), String(round));
  const list = Array.isArray(users.data) ? users.data : (users.data?.items ?? []);
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Comptes et rôles</h2>
      {users.error && <ErrorMessage error={users.error} onRetry={users.reload} />}
      {users.loading && !users.data && <Loading />}
      {list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Comptes</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôles</th>
              <th scope="col">Actif</th>
            </tr>
          </thead>
          <tbody>
            {list.map((user) => (
              <tr key={user.id}>
                <td>{user.displayName}</td>
                <td>{user.email}</td>
                <td>
                  {user.roles.map((grant) => ROLE_LABELS[grant.role] ?? grant.role).join(', ')}
                  {user.signingDelegation ? ' (délégation de signature en vigueur)' : ''}
                  {user.mustChangePassword ? ' — mot de passe provisoire à changer' : ''}
                </td>
                <td>{user.active ? 'Oui' : 'Non'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUser onCreated={() => setRound((value) => value + 1)} />
      <PasswordReset users={list} meId={me.user?.id ?? ''} />
      <Delegations users={list} meId={me.user?.id ?? ''} />
    </section>
  );
}

function NewUser({ onCreated }: { onCreated(): void }) {
  const [form, setForm] = useState({ email: '', displayName: '', password: '', role: 'instructor' as Role });
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const errors = fieldErrorMap(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post('/users', {
        email: form.email.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        roles: [{ role: form.role }],
      });
      setDone(`Compte créé : ${form.email}.`);
      setForm({ email: '', displayName: '', password: '', role: 'instructor' });
      onCreated();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const input = (key: 'email' | 'displayName' | 'password', label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`f-${key}`}>{label}</label>
      <input
        id={`f-${key}`}
        type={type}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        value={form[key]}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
        aria-invalid={errors.has(key) || undefined}
        aria-describedby={describedBy(errors.has(key) && `e-${key}`)}
      />
      <FieldErrors path={key} errors={errors} />
    </div>
  );
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="new-user-title" noValidate>
      <h3 id="new-user-title">Créer un compte</h3>
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      {done && <Notice kind="success">{done}</Notice>}
      {input('displayName', 'Nom affiché')}
      {input('email', 'Adresse électronique', 'email')}
      {input('password', 'Mot de passe provisoire (12 caractères ou plus)', 'password')}
      <div className="field">
        <label htmlFor="f-role">Rôle</label>
        <select
          id="f-role"
          value={form.role}
          onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
        >
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary">
        Créer le compte
      </button>
    </form>
  );
}

function Thresholds() {
  const [round, setRound] = useState(0);
  const thresholds = useLoad(() => api.get<{ items: Threshold[] }>('/referentials/thresholds'), String(round));
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const save = async (event: FormEvent<HTMLFormElement>, threshold: Threshold) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    try {
      await api.put(`/referentials/thresholds/${threshold.code}`, {
        value: Number(form.get('value')),
        source: String(form.get('source')),
      });
      setDone(`Seuil enregistré : ${threshold.label}.`);
      setRound((value) => value + 1);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">Seuils des règles</h2>
      {error && <ErrorMessage error={error} />}
      {done && <Notice kind="success">{done}</Notice>}
      {thresholds.data?.items.map((threshold) => (
        <form key={threshold.code} className="inline-form" onSubmit={(event) => void save(event, threshold)}>
          <fieldset>
            <legend>{threshold.label}</legend>
            <div className="field">
              <label htmlFor={`f-threshold-${threshold.code}`}>Valeur ({threshold.unit.toLowerCase()})</label>
              <input id={`f-threshold-${threshold.code}`} name="value" type="number" defaultValue={threshold.value} />
            </div>
            <div className="field">
              <label htmlFor={`f-source-${threshold.code}`}>Source</label>
              <input id={`f-source-${threshold.code}`} name="source" type="text" defaultValue={threshold.source} />
            </div>
            <button type="submit" className="button secondary small">
              Enregistrer<span className="visually-hidden"> : {threshold.label}</span>
            </button>
          </fieldset>
        </form>
      ))}
    </section>
  );
}

function EnvelopeSection() {
  const year = new Date().getFullYear();
  const [round, setRound] = useState(0);
  const envelope = useLoad(() => api.get<Envelope>(`/envelopes/${year}`), `${year}/${round}`);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState(`AP ${year}-SCIC`);
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.put(`/envelopes/${year}`, { amountCents: parseEuros(amount) ?? amount, programmeReference: reference });
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
        </p>
      ) : (
        envelope.error && <p>Aucune enveloppe n’est fixée pour {year}.</p>
      )}
      {error && <ErrorMessage error={error} />}
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="f-envelope-amount">Montant voté (€)</label>
          <input
            id="f-envelope-amount"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="f-envelope-reference">Référence du programme</label>
          <input id="f-envelope-reference" value={reference} onChange={(event) => setReference(event.target.value)} />
        </div>
        <button type="submit" className="button primary">
          Fixer l’enveloppe
        </button>
      </form>
    </section>
  );
}
