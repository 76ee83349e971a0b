/**
 * The signatory's own declaration of interests in the SCIC before signing (DOMAIN rule
 * 8): no interest, or an interest with its nature, which bars the élu from signing and
 * lists them among the élus who withdrew. It concerns the SCIC — every dossier of its
 * SIREN — until withdrawn; a withdrawal needs a reason and is refused once a decision or
 * an opinion relied on it. Journaled by the API.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Schemas, SignatoryDeclarationView } from '../api/views';
import { describedBy, ErrorSummary, FieldErrors, fieldErrorMap } from '../components/fields';
import { schemaNamed } from '../components/SchemaForm';
import { ErrorMessage, Notice } from '../components/ui';
import { formatDateTime } from '../format';
import { ENUM_LABELS, MESSAGES } from '../i18n/fr';

type Declaration = Schemas['DeclareInterestDto'];
const NATURES = (schemaNamed('DeclareInterestDto').properties?.nature?.enum ?? []) as NonNullable<
  Declaration['nature']
>[];

export function SignatoryDeclarationForm({
  dossierId,
  mine,
  onDone,
}: {
  dossierId: string;
  mine: SignatoryDeclarationView | undefined;
  onDone(): void;
}) {
  const [hasInterest, setHasInterest] = useState(mine ? String(mine.hasInterest) : '');
  const [nature, setNature] = useState(mine?.nature ?? '');
  const [details, setDetails] = useState(mine?.details ?? '');
  const [withdrawalReason, setWithdrawalReason] = useState('');
  const withdrawing = mine?.hasInterest === true && hasInterest === 'false';
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorMap(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    const body: Declaration =
      hasInterest === 'true'
        ? {
            hasInterest: true,
            ...(nature ? { nature: nature as Declaration['nature'] } : {}),
            ...(details.trim() ? { details } : {}),
          }
        : { hasInterest: false, ...(withdrawing ? { withdrawalReason } : {}) };
    try {
      await api.put(`/dossiers/${dossierId}/decision/declaration`, body);
      setSaved(true);
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="declaration-title" className="panel">
      <h2 id="declaration-title">Ma déclaration d’intérêts</h2>
      <p>
        Avant de signer, le signataire déclare s’il a un intérêt dans la SCIC. La déclaration vaut pour tous les
        dossiers de la SCIC (même SIREN) jusqu’à son retrait. Un élu qui a un intérêt se déporte : il figure parmi les
        élus déportés et ne peut pas signer la décision.
      </p>
      {mine && (
        <p>
          Votre déclaration du {formatDateTime(mine.declaredAt)} :{' '}
          <strong>
            {mine.hasInterest ? `intérêt déclaré (${mine.natureLabel ?? mine.nature})` : 'aucun intérêt dans la SCIC'}
          </strong>
          {mine.details && ` — ${mine.details}`}
          {mine.declaredThrough && ` (déclaration faite sur le dossier ${mine.declaredThrough})`}.
        </p>
      )}
      {saved && <Notice kind="success">Déclaration enregistrée.</Notice>}
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <fieldset className="group" id="f-hasInterest" tabIndex={-1}>
          <legend>Avez-vous un intérêt dans cette SCIC ?</legend>
          <div className="field checkbox">
            <input
              id="f-interest-none"
              type="radio"
              name="hasInterest"
              value="false"
              checked={hasInterest === 'false'}
              onChange={() => setHasInterest('false')}
            />
            <label htmlFor="f-interest-none">Je n’ai aucun intérêt dans cette SCIC</label>
          </div>
          <div className="field checkbox">
            <input
              id="f-interest-some"
              type="radio"
              name="hasInterest"
              value="true"
              checked={hasInterest === 'true'}
              onChange={() => setHasInterest('true')}
            />
            <label htmlFor="f-interest-some">J’ai un intérêt dans cette SCIC (je ne signerai pas)</label>
          </div>
          <FieldErrors path="hasInterest" errors={errors} />
        </fieldset>
        {hasInterest === 'true' && (
          <>
            <div className="field">
              <label htmlFor="f-nature">Nature de l’intérêt</label>
              <select
                id="f-nature"
                value={nature}
                onChange={(event) => setNature(event.target.value)}
                aria-invalid={errors.has('nature') || undefined}
                aria-describedby={describedBy(errors.has('nature') && 'e-nature')}
              >
                <option value="">— Choisir —</option>
                {NATURES.map((value) => (
                  <option key={value} value={value}>
                    {ENUM_LABELS[value] ?? value}
                  </option>
                ))}
              </select>
              <FieldErrors path="nature" errors={errors} />
            </div>
            <div className="field">
              <label htmlFor="f-details">Précisions</label>
              <p className="hint" id="h-details">
                Obligatoires pour la nature « Autre ».
              </p>
              <textarea
                id="f-details"
                rows={3}
                value={details}
                onChange={(event) => setDetails(event.target.value)}
                aria-invalid={errors.has('details') || undefined}
                aria-describedby={describedBy('h-details', errors.has('details') && 'e-details')}
              />
              <FieldErrors path="details" errors={errors} />
            </div>
          </>
        )}
        {withdrawing && (
          <div className="field">
            <label htmlFor="f-withdrawalReason">Motif du retrait</label>
            <p className="hint" id="h-withdrawalReason">
              Obligatoire : vous retirez l’intérêt déclaré dans cette SCIC. Impossible une fois qu’une décision ou un
              avis a été rendu sur l’un de ses dossiers.
            </p>
            <textarea
              id="f-withdrawalReason"
              rows={2}
              value={withdrawalReason}
              onChange={(event) => setWithdrawalReason(event.target.value)}
              aria-invalid={errors.has('withdrawalReason') || undefined}
              aria-describedby={describedBy(
                'h-withdrawalReason',
                errors.has('withdrawalReason') && 'e-withdrawalReason',
              )}
            />
            <FieldErrors path="withdrawalReason" errors={errors} />
          </div>
        )}
        <button type="submit" className="button primary" disabled={!hasInterest || busy}>
          {busy ? MESSAGES.saving : mine ? 'Modifier ma déclaration' : 'Enregistrer ma déclaration'}
        </button>
      </form>
    </section>
  );
}
