/**
 * « Vérifier un document »: a SHA-256 pasted (from a copy of a signed decision or of
 * committee minutes) tells whether the application issued that document, and for which
 * dossier or session. Any role may verify; the address may carry the hash (`?sha256=`).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { DocumentVerification } from '../api/views';
import { describedBy, FieldErrors, fieldErrorMap } from '../components/fields';
import { ErrorMessage } from '../components/ui';
import { formatDateTime } from '../format';
import { useTitle } from '../hooks';
import { MESSAGES } from '../i18n/fr';
import { Link, useLocation } from '../router';

export function VerifyDocumentPage() {
  useTitle(MESSAGES.navVerify);
  const { query } = useLocation();
  return (
    <>
      <h1>{MESSAGES.navVerify}</h1>
      <p>
        Chaque acte de décision signé et chaque procès-verbal de séance émis par l’application est enregistré avec son
        empreinte SHA-256. Collez l’empreinte d’un document pour savoir s’il a bien été émis ici, et pour quel dossier.
      </p>
      <VerifyDocumentForm key={query.get('sha256') ?? ''} initial={query.get('sha256') ?? ''} />
    </>
  );
}

/** Copied hashes often come with spaces or line breaks. */
function verifyPath(text: string): string {
  return `/documents/verify?sha256=${encodeURIComponent(text.replace(/\s+/g, ''))}`;
}

export function VerifyDocumentForm({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const [result, setResult] = useState<DocumentVerification>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorMap(error);

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.get<DocumentVerification>(verifyPath(text)));
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void verify();
  };
  // Opened from a signed decision (`?sha256=`): its answer comes at once.
  useEffect(() => {
    if (!initial) return;
    let current = true;
    api.get<DocumentVerification>(verifyPath(initial)).then(
      (answer) => current && setResult(answer),
      (caught: ApiError) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [initial]);

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="verify-title">
      <h2 id="verify-title">Empreinte à vérifier</h2>
      <div className="field">
        <label htmlFor="f-sha256">Empreinte SHA-256 du document</label>
        <p className="hint" id="h-sha256">
          64 caractères (chiffres et lettres de a à f), tels qu’affichés à la signature de l’acte.
        </p>
        <input
          id="f-sha256"
          type="text"
          className="hash-input"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={errors.has('sha256') || undefined}
          aria-describedby={describedBy('h-sha256', errors.has('sha256') && 'e-sha256')}
        />
        <FieldErrors path="sha256" errors={errors} />
      </div>
      <button type="submit" className="button primary" disabled={busy || !text.trim()}>
        Vérifier
      </button>
      <div aria-live="polite" className="verify-result">
        {error && errors.size === 0 && <ErrorMessage error={error} />}
        {result && <VerificationResult result={result} />}
      </div>
    </form>
  );
}

function VerificationResult({ result }: { result: DocumentVerification }) {
  if (!result.issued) {
    return (
      <div className="alert alert-warning">
        <p>
          <strong>Document inconnu.</strong> Aucun document émis par l’application ne porte cette empreinte : la copie a
          pu être modifiée, ou elle ne vient pas d’ici.
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert-success">
      <p>
        <strong>Document authentique.</strong>{' '}
        {result.kind === 'DECISION' ? (
          <>
            Acte de décision émis le {formatDateTime(result.issuedAt)} pour le dossier{' '}
            <Link href={`/dossiers/${result.dossierId}/decision`}>{result.dossierReference}</Link> (délibération n°{' '}
            {result.deliberationNumber}).
          </>
        ) : (
          <>
            Procès-verbal de la <Link href={`/comite/seances/${result.sessionId}`}>séance du comité</Link>, émis le{' '}
            {formatDateTime(result.issuedAt)}.
          </>
        )}
      </p>
    </div>
  );
}
