/** Registering a SCIC's request (instructor): the dossier starts as a draft. */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Dossier, Schemas } from '../api/views';
import { ErrorMessage } from '../components/ui';
import { FieldErrors, fieldErrorMap, ErrorSummary } from '../components/fields';
import { parseEuros } from '../format';
import { useTitle } from '../hooks';
import { navigate, useLeaveGuard } from '../router';
import { MESSAGES } from '../i18n/fr';

const EMPTY = { siren: '', name: '', legalForm: 'SAS', commune: '', amount: '', nominal: '', contactEmail: '' };

export function NewDossierPage() {
  useTitle('Enregistrer une demande');
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(EMPTY) && !busy;
  useLeaveGuard(dirty, MESSAGES.leaveWarning);
  const errors = fieldErrorMap(error);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['CreateDossierDto'] = {
      scic: {
        siren: form.siren.replace(/\s/g, ''),
        name: form.name.trim(),
        legalForm: form.legalForm as Schemas['ScicIdentityDto']['legalForm'],
        commune: form.commune.trim(),
      },
      requestedAmountCents: parseEuros(form.amount) ?? Number.NaN,
      nominalShareValueCents: parseEuros(form.nominal) ?? Number.NaN,
      ...(form.contactEmail.trim() ? { contactEmail: form.contactEmail.trim() } : {}),
    };
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<Dossier>('/dossiers', body);
      navigate(`/dossiers/${created.id}`);
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };

  const field = (key: keyof typeof EMPTY, path: string, label: string, hint?: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`f-${path}`}>{label}</label>
      {hint && (
        <p className="hint" id={`h-${path}`}>
          {hint}
        </p>
      )}
      <input
        id={`f-${path}`}
        type={type}
        value={form[key]}
        onChange={set(key)}
        aria-invalid={errors.has(path) || undefined}
        aria-describedby={[hint ? `h-${path}` : '', errors.has(path) ? `e-${path}` : ''].join(' ').trim() || undefined}
      />
      <FieldErrors path={path} errors={errors} />
    </div>
  );

  return (
    <>
      <h1>Enregistrer une demande de prise de participation</h1>
      <form className="form" onSubmit={submit} noValidate>
        {error && errors.size === 0 && <ErrorMessage error={error} />}
        <ErrorSummary errors={errors} />
        <fieldset>
          <legend>La SCIC</legend>
          {field('name', 'scic-name', 'Raison sociale')}
          {field('siren', 'scic-siren', 'SIREN', '9 chiffres')}
          <div className="field">
            <label htmlFor="f-scic-legalForm">Forme juridique</label>
            <select id="f-scic-legalForm" value={form.legalForm} onChange={set('legalForm')}>
              <option value="SA">SA</option>
              <option value="SAS">SAS</option>
              <option value="SARL">SARL</option>
            </select>
          </div>
          {field('commune', 'scic-commune', 'Commune du siège')}
          {field('contactEmail', 'contactEmail', 'Adresse électronique de contact (facultative)', undefined, 'email')}
        </fieldset>
        <fieldset>
          <legend>La demande</legend>
          {field('amount', 'requestedAmountCents', 'Montant demandé (€)', 'Par exemple 25 000')}
          {field('nominal', 'nominalShareValueCents', 'Valeur nominale d’une part sociale (€)', 'Par exemple 50')}
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? MESSAGES.saving : 'Enregistrer le brouillon'}
        </button>
      </form>
    </>
  );
}
