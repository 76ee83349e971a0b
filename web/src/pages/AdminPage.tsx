/**
 * Administration: accounts and roles (password resets, signing delegations under four
 * eyes), thresholds of the rules, the year's budget envelope and the administration journal.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Role, UserView } from '../api/views';
import { ErrorSummary, FieldErrors, describedBy, fieldErrorMap } from '../components/fields';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { ROLE_LABELS } from '../i18n/fr';
import { AdminJournalSection, EnvelopeSection, Thresholds } from './AdminReferentials';
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
      <AdminJournalSection />
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
