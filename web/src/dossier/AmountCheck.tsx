/** Rules 3–5 on an amount as it is typed: public share after subscription, whole shares, request, ceiling, envelope. */
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../api/client';
import type { AmountCheck } from '../api/views';
import { formatBasisPoints, formatCents, formatInteger, parseEuros } from '../format';

export function AmountCheckResult({
  id,
  dossierId,
  amountCents,
}: {
  id: string;
  dossierId: string;
  amountCents: number | undefined;
}) {
  const [check, setCheck] = useState<AmountCheck>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (amountCents === undefined || amountCents <= 0) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .get<AmountCheck>(`/dossiers/${dossierId}/amount-check?amountCents=${amountCents}`)
        .then((answer) => current && (setCheck(answer), setError(undefined)))
        .catch((caught: ApiError) => current && setError(caught));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [dossierId, amountCents]);
  const shown = amountCents !== undefined && amountCents > 0 && check?.amountCents === amountCents ? check : undefined;
  return (
    <div id={id} className="amount-check" aria-live="polite">
      {error && <p className="field-error">{error.message}</p>}
      {shown && (
        <>
          <ul className="checks">
            <Check ok={shown.wholeShares}>
              {shown.shares !== null ? `${formatInteger(shown.shares)} parts sociales` : 'Nombre de parts'}{' '}
              {shown.wholeShares ? 'entières' : ': le montant ne correspond pas à un nombre entier de parts'}
            </Check>
            <Check ok={shown.publicCapRespected}>
              Part des collectivités, groupements et EPT au capital après souscription (Département compris) :{' '}
              {shown.publicShareAfterBasisPoints === null
                ? 'inconnue'
                : formatBasisPoints(shown.publicShareAfterBasisPoints)}
            </Check>
            <Check ok={shown.withinRequested}>Dans la limite du montant demandé</Check>
            <Check ok={shown.withinCeiling}>
              Dans la limite du plafond par SCIC
              {shown.position.dossiers.length > 0 &&
                ` (total du Département dans la SCIC, ses autres dossiers compris : ${formatCents(shown.scicTotalAfterCents)})`}
            </Check>
            <Check ok={shown.withinEnvelope}>Dans l’enveloppe budgétaire de l’année</Check>
          </ul>
          {shown.problems.length > 0 && (
            <ul className="problems">
              {shown.problems.map((problem, index) => (
                <li key={index}>{problem.message}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function Check({ ok, children }: { ok: boolean | null; children: React.ReactNode }) {
  const status = ok === null ? 'unknown' : ok ? 'ok' : 'ko';
  return (
    <li className={`check check-${status}`}>
      <span className="check-mark">{ok === null ? 'Non vérifiable' : ok ? 'Conforme' : 'Non conforme'}</span> —{' '}
      {children}
    </li>
  );
}

/** A free amount to test, with its result (on the dossier's summary). */
export function AmountCheckPanel({ dossierId, requestedCents }: { dossierId: string; requestedCents: number }) {
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="amount-check-title" className="panel">
      <h2 id="amount-check-title">Vérifier un montant</h2>
      <div className="field">
        <label htmlFor="f-check-amount">Montant envisagé (€)</label>
        <p className="hint" id="h-check-amount">
          Montant demandé : {formatCents(requestedCents)}. Le contrôle se met à jour pendant la saisie.
        </p>
        <input
          id="f-check-amount"
          type="text"
          inputMode="decimal"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby="h-check-amount panel-amount-check"
        />
      </div>
      <AmountCheckResult id="panel-amount-check" dossierId={dossierId} amountCents={parseEuros(text)} />
    </section>
  );
}
