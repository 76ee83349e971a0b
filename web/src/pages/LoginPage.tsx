import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client';
import type { Role } from '../api/views';
import { useAuth } from '../auth';
import { describedBy, ErrorSummary, FieldErrors, fieldErrorMap } from '../components/fields';
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

/**
 * After an administrator reset the password: the one-time password must be replaced
 * before anything else (the API answers 403 PASSWORD_CHANGE_REQUIRED elsewhere).
 */
export function ChangePasswordPage() {
  useTitle('Changer votre mot de passe');
  const { changePassword, logout } = useAuth();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirmation: '' });
  const [error, setError] = useState<ApiError>();
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorMap(error);
  if (mismatch) errors.set('confirmation', ['Les deux saisies du nouveau mot de passe diffèrent.']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setMismatch(form.newPassword !== form.confirmation);
    if (form.newPassword !== form.confirmation) return;
    setBusy(true);
    try {
      await changePassword(form.currentPassword, form.newPassword);
      navigate('/');
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };
  const field = (key: keyof typeof form, label: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`f-${key}`}>{label}</label>
      <input
        id={`f-${key}`}
        type="password"
        autoComplete={autoComplete}
        value={form[key]}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
        aria-invalid={errors.has(key) || undefined}
        aria-describedby={describedBy(errors.has(key) && `e-${key}`)}
      />
      <FieldErrors path={key} errors={errors} />
    </div>
  );
  return (
    <div className="login-card">
      <p className="brand-name">{APP_NAME}</p>
      <p className="brand-org">{ORGANISATION}</p>
      <h1>Changer votre mot de passe</h1>
      <p>
        Votre mot de passe a été réinitialisé par un administrateur : c’est un mot de passe à usage unique. Choisissez
        le vôtre (12 caractères ou plus) pour continuer ; d’ici là, aucune autre action n’est possible.
      </p>
      <form onSubmit={submit} className="form narrow" noValidate>
        {error && errors.size === 0 && <ErrorMessage error={error} />}
        <ErrorSummary errors={errors} />
        {field('currentPassword', 'Mot de passe provisoire (reçu de l’administrateur)', 'current-password')}
        {field('newPassword', 'Nouveau mot de passe', 'new-password')}
        {field('confirmation', 'Nouveau mot de passe (confirmation)', 'new-password')}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Enregistrement…' : 'Changer mon mot de passe'}
        </button>
        <button type="button" className="button link" onClick={() => void logout()}>
          Se déconnecter
        </button>
      </form>
    </div>
  );
}
