/**
 * The dossier's « Participation » tab, once an approval is signed: the stake (shares,
 * subscribed, paid, share of the capital), the subscription form and the date the
 * decision became executory, and the payments (DOMAIN rule 12). The Mission ESS writes;
 * the other roles read. A refusal shows the API's own French message.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { Dossier, ParticipationView, PaymentView, Stake } from '../api/views';
import { can, useMe } from '../auth';
import { ErrorSummary, fieldErrorMap, TextField } from '../components/fields';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import {
  centsToInput,
  formatBasisPoints,
  formatCents,
  formatDate,
  formatDateTime,
  parseEuros,
  plural,
  todayIso,
} from '../format';
import { useLoad } from '../hooks';
import { MESSAGES } from '../i18n/fr';
import { Link, useLeaveGuard } from '../router';
import { AdvancesSection } from './AdvancesSection';

export function ParticipationTab({
  dossier,
  round,
  onChanged,
}: {
  dossier: Dossier;
  round: number;
  onChanged(): void;
}) {
  const me = useMe();
  const view = useLoad(
    () => api.get<ParticipationView>(`/dossiers/${dossier.id}/participation`),
    `${dossier.id}/${round}`,
  );
  const [notice, setNotice] = useState('');
  if (view.error) return <ErrorMessage error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Loading />;
  const { stake, payments } = view.data;
  // The Mission ESS records the subscription and the payments.
  const canWrite = can(me, 'participation.manage');
  const done = (message: string) => {
    setNotice(message);
    onChanged();
  };

  return (
    <section aria-labelledby="participation-title" className="participation">
      <h2 id="participation-title">Participation au capital</h2>
      {!stake ? (
        <p>
          Aucune décision d’approbation n’est signée pour ce dossier : la souscription et les versements viendront après
          la signature (<Link href={`/dossiers/${dossier.id}/decision`}>page de décision</Link>).
        </p>
      ) : (
        <>
          {notice && <Notice kind="success">{notice}</Notice>}
          <StakeFacts stake={stake} />
          {!canWrite && (
            <p className="muted">Lecture seule : la souscription et les versements sont saisis par la Mission ESS.</p>
          )}
          {canWrite && payments.length === 0 && (
            <SubscriptionForm dossierId={dossier.id} stake={stake} onDone={() => done('Souscription enregistrée.')} />
          )}
          {canWrite && payments.length > 0 && (
            <p className="muted">Des versements sont enregistrés : la souscription ne se modifie plus.</p>
          )}
          <Payments payments={payments} />
          {canWrite && (
            <PaymentForm
              dossierId={dossier.id}
              stake={stake}
              onDone={(amountCents) => done(`Versement de ${formatCents(amountCents)} enregistré.`)}
            />
          )}
          <AdvancesSection dossierId={dossier.id} canWrite={canWrite} />
        </>
      )}
    </section>
  );
}

function StakeFacts({ stake }: { stake: Stake }) {
  const remaining = stake.subscribedAmountCents - stake.paidAmountCents;
  return (
    <dl className="facts facts-grid panel">
      <div>
        <dt>Décision</dt>
        <dd>
          Délibération n° {stake.deliberationNumber}, signée le {formatDate(stake.decidedOn)}
        </dd>
      </div>
      <div>
        <dt>Parts souscrites</dt>
        <dd>{plural(stake.shares, 'share')}</dd>
      </div>
      <div>
        <dt>Montant souscrit</dt>
        <dd>{formatCents(stake.subscribedAmountCents)}</dd>
      </div>
      <div>
        <dt>Montant versé</dt>
        <dd>{formatCents(stake.paidAmountCents)}</dd>
      </div>
      <div>
        <dt>Reste à verser</dt>
        <dd>{formatCents(remaining)}</dd>
      </div>
      <div>
        <dt>Part du capital après souscription</dt>
        <dd>
          {stake.shareOfCapitalBasisPoints === null
            ? 'Inconnue (capital non renseigné)'
            : formatBasisPoints(stake.shareOfCapitalBasisPoints)}
        </dd>
      </div>
      <div>
        <dt>Bulletin de souscription signé le</dt>
        <dd>{stake.subscriptionSignedOn ? formatDate(stake.subscriptionSignedOn) : 'Pas encore signé'}</dd>
      </div>
      <div>
        <dt>Décision exécutoire le</dt>
        <dd>{stake.executoryOn ? formatDate(stake.executoryOn) : 'Pas encore exécutoire'}</dd>
      </div>
    </dl>
  );
}

/** A write's refusal: the 422 field errors beside their fields, anything else (409…) as the API says it. */
function Refusal({ error }: { error: ApiError | undefined }) {
  if (!error || error.fields.length > 0) return null;
  return <ErrorMessage error={error} />;
}

function SubscriptionForm({ dossierId, stake, onDone }: { dossierId: string; stake: Stake; onDone(): void }) {
  const initial = { signedOn: stake.subscriptionSignedOn ?? '', executoryOn: stake.executoryOn ?? '' };
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useLeaveGuard(JSON.stringify(draft) !== JSON.stringify(initial), MESSAGES.leaveWarning);
  const errors = fieldErrorMap(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put(`/dossiers/${dossierId}/participation/subscription`, draft);
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const since = `Au plus tôt le ${formatDate(stake.decidedOn)} (signature de la décision), au plus tard aujourd’hui.`;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="subscription-title">
      <h3 id="subscription-title">Souscription</h3>
      <p>
        Le bulletin de souscription signé et la date à laquelle la décision est devenue exécutoire (après sa
        transmission au contrôle de légalité) : aucun versement n’est possible avant.
      </p>
      <Refusal error={error} />
      <ErrorSummary errors={errors} />
      <TextField
        id="signedOn"
        type="date"
        max={todayIso()}
        label="Bulletin de souscription signé le"
        hint={since}
        value={draft.signedOn}
        onChange={(signedOn) => setDraft((current) => ({ ...current, signedOn }))}
        errors={errors}
      />
      <TextField
        id="executoryOn"
        type="date"
        max={todayIso()}
        label="Décision exécutoire le"
        hint={since}
        value={draft.executoryOn}
        onChange={(executoryOn) => setDraft((current) => ({ ...current, executoryOn }))}
        errors={errors}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? MESSAGES.saving : 'Enregistrer la souscription'}
      </button>
    </form>
  );
}

function Payments({ payments }: { payments: PaymentView[] }) {
  return (
    <section aria-labelledby="payments-title">
      <h3 id="payments-title">Versements</h3>
      {payments.length === 0 ? (
        <p>Aucun versement n’est enregistré.</p>
      ) : (
        <div className="table-scroll">
          <table className="table compact">
            <caption className="visually-hidden">Versements, du plus ancien au plus récent</caption>
            <thead>
              <tr>
                <th scope="col">Versé le</th>
                <th scope="col">Référence comptable</th>
                <th scope="col" className="number">
                  Montant
                </th>
                <th scope="col">Enregistré le</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{formatDate(payment.paidOn)}</td>
                  <td>{payment.reference}</td>
                  <td className="number">{formatCents(payment.amountCents)}</td>
                  <td>{formatDateTime(payment.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total ({plural(payments.length, 'payment')})
                </th>
                <td className="number">
                  {formatCents(payments.reduce((total, payment) => total + payment.amountCents, 0))}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

const EMPTY_PAYMENT = { amount: '', paidOn: '', reference: '' };

/** What the typed amount is, in French, and what would remain to pay after it. */
function amountHint(text: string, remaining: number): string {
  const base = `Reste à verser : ${formatCents(remaining)}.`;
  if (!text.trim()) return base;
  const cents = parseEuros(text);
  if (cents === undefined) return `${base} Montant illisible : tapez des chiffres, par exemple 10 000,50.`;
  const after = remaining - cents;
  return after < 0
    ? `Soit ${formatCents(cents)} : c’est ${formatCents(-after)} de plus que le reste à verser.`
    : `Soit ${formatCents(cents)} ; resteront à verser ${formatCents(after)}.`;
}

function PaymentForm({
  dossierId,
  stake,
  onDone,
}: {
  dossierId: string;
  stake: Stake;
  onDone(amountCents: number): void;
}) {
  const [draft, setDraft] = useState(EMPTY_PAYMENT);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useLeaveGuard(JSON.stringify(draft) !== JSON.stringify(EMPTY_PAYMENT), MESSAGES.leaveWarning);
  const errors = fieldErrorMap(error);
  const remaining = stake.subscribedAmountCents - stake.paidAmountCents;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const amountCents = parseEuros(draft.amount);
    try {
      // What cannot be read as an amount is sent as typed: the API names the error beside its field.
      await api.post(`/dossiers/${dossierId}/participation/payments`, {
        amountCents: amountCents ?? draft.amount,
        paidOn: draft.paidOn,
        reference: draft.reference,
      });
      setDraft(EMPTY_PAYMENT);
      onDone(amountCents ?? 0);
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="payment-title">
      <h3 id="payment-title">Enregistrer un versement</h3>
      {!stake.subscriptionSignedOn && (
        <p>Le bulletin de souscription doit être signé, et la décision exécutoire, avant tout versement.</p>
      )}
      <Refusal error={error} />
      <ErrorSummary errors={errors} />
      <TextField
        id="amountCents"
        label="Montant versé (€)"
        hint={amountHint(draft.amount, remaining)}
        liveHint
        inputMode="decimal"
        value={draft.amount}
        onChange={(amount) => setDraft((current) => ({ ...current, amount }))}
        onBlur={() => {
          // The amount is shown back as French writes it (`10 000,00`) once typed.
          const cents = parseEuros(draft.amount);
          if (cents !== undefined) setDraft((current) => ({ ...current, amount: centsToInput(cents) }));
        }}
        errors={errors}
      />
      <TextField
        id="paidOn"
        type="date"
        max={todayIso()}
        label="Date du versement"
        hint={
          stake.executoryOn
            ? `Au plus tôt le ${formatDate(stake.executoryOn)} (décision exécutoire), au plus tard aujourd’hui.`
            : 'Pas avant la date à laquelle la décision est devenue exécutoire, ni après aujourd’hui.'
        }
        value={draft.paidOn}
        onChange={(paidOn) => setDraft((current) => ({ ...current, paidOn }))}
        errors={errors}
      />
      <TextField
        id="reference"
        label="Référence comptable"
        hint="Le numéro du mandat de paiement, par exemple « Mandat 2026-004512 » ; une référence ne sert qu’une fois par dossier."
        maxLength={80}
        value={draft.reference}
        onChange={(reference) => setDraft((current) => ({ ...current, reference }))}
        errors={errors}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? MESSAGES.saving : 'Enregistrer le versement'}
      </button>
    </form>
  );
}
