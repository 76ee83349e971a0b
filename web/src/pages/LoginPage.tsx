import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client';
import type { Role } from '../api/views';
import { useAuth } from '../auth';
import { ErrorMessage } from '../components/ui';
import { useTitle } from '../hooks';
import { APP_NAME, MESSAGES, ORGANISATION, ROLE_LABELS } from '../i18n/fr';
import { navigate, useLocation } from '../router';

export function LoginPage() {
  useTitle(MESSAGES.loginTitle);
  const { query } = useLocation();
  const back = query.get('retour');
  return (
    <div className="login-card">
      <p className="brand-name">{APP_NAME}</p>
      <p className="brand-org">{ORGANISATION}</p>
      <h1>{MESSAGES.loginTitle}</h1>
      <p>{MESSAGES.loginIntro}</p>
      <LoginForm onDone={() => navigate(back && back.startsWith('/') && !back.startsWith('/connexion') ? back : '/')} />
    </div>
  );
}

/** Also shown in a dialog over the page when the session expired. */
export function LoginForm({ defaultEmail = '', onDone }: { defaultEmail?: string; onDone?: () => void }) {
  const { login } = useAuth();
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(email.trim(), password, role || undefined);
      onDone?.();
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="form narrow" noValidate>
      {error && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor="login-email">{MESSAGES.email}</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{MESSAGES.password}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-role">{MESSAGES.roleOptional}</label>
        <select id="login-role" value={role} onChange={(event) => setRole(event.target.value as Role | '')}>
          <option value="">{MESSAGES.roleDefault}</option>
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? MESSAGES.signingIn : MESSAGES.signIn}
      </button>
    </form>
  );
}
