/**
 * The signature (SIGN): the dialog says what is signed and what signing does, and what
 * the interface can already see of the conditions (the signatory's declaration and
 * delegation, the envelope); the API decides. Once signed, it shows the document's
 * SHA-256 and its download. The same dialog signs a correction of a signed decision, whose
 * envelope charge is only the difference with the decision it replaces. Signing asks the
 * signatory's password again (the API refuses a signature without a recent authentication).
 */
import { useState, type ReactNode } from 'react';
import { ApiError, idempotencyKey, request } from '../api/client';
import type { DecisionView, Dossier, Envelope, SignatoryDeclarationView } from '../api/views';
import { useMe } from '../auth';
import { Dialog, Loading } from '../components/ui';
import { formatCents } from '../format';
import { DECISION_OUTCOME_LABELS, EVENT_CONFIRMATIONS, EVENT_LABELS, MESSAGES } from '../i18n/fr';
import { amountText, SignedDocument, sittingText } from './DecisionRecord';
import { EventErrors } from './eventErrors';

export function SignDialog({
  dossier,
  decision,
  corrects,
  envelope,
  declaration,
  onSigned,
  onClose,
  onReload,
}: {
  dossier: Dossier;
  /** The decision to sign; after signing, the same decision as reloaded (signed, with its hash). */
  decision: DecisionView;
  /** When `decision` is a correction: the signed decision it replaces. */
  corrects?: DecisionView;
  envelope: Envelope | null;
  declaration: SignatoryDeclarationView | undefined;
  onSigned(): void;
  onClose(): void;
  onReload(): void;
}) {
  const { user } = useMe();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [signed, setSigned] = useState(false);
  const [password, setPassword] = useState('');
  const delegation = user.signingDelegation;
  const approved = decision.outcome === 'APPROVED' && decision.amountCents !== null;
  // A correction frees what the decision it replaces had charged.
  const charged = (decision.amountCents ?? 0) - (corrects?.amountCents ?? 0);
  const what = corrects ? 'la correction' : 'la décision';

  const sign = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (corrects) {
        await request('POST', `/dossiers/${dossier.id}/decision/corrections/${decision.id}/sign`, { password });
      } else {
        await request(
          'POST',
          `/dossiers/${dossier.id}/events`,
          { type: 'SIGN', password },
          { headers: { 'if-match': `"${dossier.version}"`, 'idempotency-key': idempotencyKey() } },
        );
      }
      setSigned(true);
      onSigned();
    } catch (caught) {
      setError(caught as ApiError);
      // Never kept after a refusal (a wrong password counts as a failed login).
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  if (signed) {
    return (
      <Dialog title={corrects ? 'Correction signée' : 'Décision signée'} onClose={onClose}>
        <p role="status">
          {corrects
            ? `La correction est signée : elle remplace la délibération n° ${corrects.deliberationNumber}. L’acte est émis à votre nom et son empreinte est inscrite au journal du dossier.`
            : 'La décision est signée : l’acte est émis à votre nom et son empreinte est inscrite au journal du dossier.'}
        </p>
        {decision.signed ? <SignedDocument decision={decision} /> : <Loading />}
        <div className="dialog-buttons">
          <button type="button" className="button primary" onClick={onClose}>
            {MESSAGES.close}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={corrects ? 'Signer la correction' : EVENT_LABELS.SIGN} onClose={onClose}>
      <p>Vous allez signer {what} suivante :</p>
      <ul>
        <li>
          <strong>{DECISION_OUTCOME_LABELS[decision.outcome] ?? decision.outcome}</strong>
          {approved && ` — ${amountText(decision)}`}
        </li>
        <li>{sittingText(decision)}</li>
        <li>
          {dossier.reference} — {dossier.scic.name}
        </li>
        {corrects && (
          <li>
            Elle remplace la délibération n° {corrects.deliberationNumber} ({amountText(corrects)}), qui reste au
            dossier, inchangée. Motif : {decision.correctionReason}
          </li>
        )}
      </ul>
      <h3>Ce que fait la signature</h3>
      <ul>
        <li>L’acte de décision est généré en PDF à votre nom ({user.displayName}).</li>
        <li>
          Son empreinte SHA-256 est enregistrée et inscrite au journal du dossier : elle permet de vérifier qu’une copie
          est authentique.
        </li>
        {approved && (
          <li>
            {!corrects
              ? `Le montant est imputé sur l’enveloppe ${decision.envelopeYear}`
              : charged >= 0
                ? `Seule la différence avec la décision corrigée (${formatCents(charged)}) est imputée sur l’enveloppe ${decision.envelopeYear}`
                : `La différence avec la décision corrigée (${formatCents(-charged)}) est rendue à l’enveloppe ${decision.envelopeYear}`}
            {envelope
              ? ` : il en restera ${formatCents(envelope.remainingCents - charged)} sur ${formatCents(envelope.amountCents)}.`
              : '.'}
          </li>
        )}
        <li>{EVENT_CONFIRMATIONS.SIGN}</li>
      </ul>
      <h3>Conditions</h3>
      <ul className="checks">
        <Condition ok={declaration ? !declaration.hasInterest : false}>
          {!declaration
            ? 'Votre déclaration d’intérêts pour ce dossier est à faire avant de signer.'
            : declaration.hasInterest
              ? 'Vous avez déclaré un intérêt dans la SCIC : vous ne pouvez pas signer.'
              : 'Vous avez déclaré n’avoir aucun intérêt dans la SCIC.'}
        </Condition>
        <Condition ok={!!delegation?.inForce}>
          {delegation?.inForce
            ? `Délégation de signature : ${delegation.arreteReference}.`
            : 'Vous n’avez pas de délégation de signature en vigueur (enregistrée et confirmée par un second administrateur).'}
        </Condition>
        {approved && envelope && (
          <Condition ok={charged <= envelope.remainingCents}>
            Reste disponible de l’enveloppe {envelope.year} : {formatCents(envelope.remainingCents)}.
          </Condition>
        )}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void sign();
        }}
      >
        <div className="field">
          <label htmlFor="sign-password">Mot de passe (confirmation de votre identité)</label>
          <input
            id="sign-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <EventErrors error={error} onReload={onReload} />
        <div className="dialog-buttons">
          <button type="button" className="button secondary" onClick={onClose}>
            {MESSAGES.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy || !password}>
            {busy ? 'Signature…' : 'Je signe'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Condition({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <li className={`check check-${ok ? 'ok' : 'ko'}`}>
      <span className="check-mark">{ok ? 'Rempli' : 'Non rempli'}</span> — {children}
    </li>
  );
}
