/**
 * The signature (SIGN): the dialog says what is signed and what signing does, and what
 * the interface can already see of the conditions (the signatory's declaration and
 * delegation, the envelope); the API decides. Once signed, it shows the document's
 * SHA-256 and its download.
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
  envelope,
  declaration,
  onSigned,
  onClose,
  onReload,
}: {
  dossier: Dossier;
  /** The decision to sign; after signing, the same decision as reloaded (signed, with its hash). */
  decision: DecisionView;
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
  const delegation = user.roles.find((role) => role.role === 'elected_official');
  const approved = decision.outcome === 'APPROVED' && decision.amountCents !== null;

  const sign = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await request(
        'POST',
        `/dossiers/${dossier.id}/events`,
        { type: 'SIGN' },
        { headers: { 'if-match': `"${dossier.version}"`, 'idempotency-key': idempotencyKey() } },
      );
      setSigned(true);
      onSigned();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (signed) {
    return (
      <Dialog title="Décision signée" onClose={onClose}>
        <p role="status">
          La décision est signée : l’acte est émis à votre nom et son empreinte est inscrite au journal du dossier.
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
    <Dialog title={EVENT_LABELS.SIGN} onClose={onClose}>
      <p>Vous allez signer la décision suivante :</p>
      <ul>
        <li>
          <strong>{DECISION_OUTCOME_LABELS[decision.outcome] ?? decision.outcome}</strong>
          {approved && ` — ${amountText(decision)}`}
        </li>
        <li>{sittingText(decision)}</li>
        <li>
          {dossier.reference} — {dossier.scic.name}
        </li>
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
            Le montant est imputé sur l’enveloppe {decision.envelopeYear}
            {envelope
              ? ` : il en restera ${formatCents(envelope.remainingCents - (decision.amountCents ?? 0))} sur ${formatCents(envelope.amountCents)}.`
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
        <Condition ok={!!delegation?.signingDelegation}>
          {delegation?.signingDelegation
            ? `Délégation de signature${delegation.delegationReference ? ` : ${delegation.delegationReference}` : ''}.`
            : 'Vous n’avez pas de délégation de signature.'}
        </Condition>
        {approved && envelope && (
          <Condition ok={(decision.amountCents ?? 0) <= envelope.remainingCents}>
            Reste disponible de l’enveloppe {envelope.year} : {formatCents(envelope.remainingCents)}.
          </Condition>
        )}
      </ul>
      <EventErrors error={error} onReload={onReload} />
      <div className="dialog-buttons">
        <button type="button" className="button secondary" onClick={onClose}>
          {MESSAGES.cancel}
        </button>
        <button type="button" className="button primary" onClick={() => void sign()} disabled={busy}>
          {busy ? 'Signature…' : 'Je signe'}
        </button>
      </div>
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
