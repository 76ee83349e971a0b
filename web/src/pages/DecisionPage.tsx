/**
 * Step 5, the élus' decision, in one page: the committee's proposal recalled, the
 * budget envelope remaining, the decision form, the signatory's own declaration of
 * interests, the signature (with the signed document's SHA-256 and download) and the
 * dossier's decisions so far. Once signed, an élu may correct the decision: the same form
 * records the correction, the same dialog signs it.
 */
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { DecisionOverview, DecisionView, Dossier, Envelope, OpinionView } from '../api/views';
import { can, useMe } from '../auth';
import { ErrorMessage, Loading, Notice, StateBadge } from '../components/ui';
import { DecisionForm } from '../decision/DecisionForm';
import { DecisionDetails, DecisionHistory } from '../decision/DecisionRecord';
import { SignatoryDeclarationForm } from '../decision/SignatoryDeclaration';
import { SignDialog } from '../decision/SignDialog';
import { formatCents, formatDate, formatInteger } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ACTION_CONFIRMATIONS, ENUM_LABELS, EVENT_LABELS } from '../i18n/fr';
import { Link } from '../router';

/** A year without an envelope answers 404: the page says so rather than failing. */
async function envelopeOf(year: number): Promise<Envelope | null> {
  try {
    return await api.get<Envelope>(`/envelopes/${year}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function DecisionPage({ id }: { id: string }) {
  const me = useMe();
  const { role, user } = me;
  const [round, setRound] = useState(0);
  const key = `${id}/${round}`;
  const dossier = useLoad(() => api.get<Dossier>(`/dossiers/${id}`), key);
  const overview = useLoad(() => api.get<DecisionOverview>(`/dossiers/${id}/decision`), key);
  const opinions = useLoad(() => api.get<OpinionView[]>(`/dossiers/${id}/opinion`), key);
  const year = overview.data?.current?.envelopeYear ?? new Date().getFullYear();
  const envelope = useLoad(() => envelopeOf(year), `${year}/${round}`);
  useTitle(dossier.data ? `Décision — ${dossier.data.scic.name}` : 'Décision');
  const [notice, setNotice] = useState('');
  /** The decision (or correction) whose signature dialog is open. */
  const [signing, setSigning] = useState<string>();
  const [correcting, setCorrecting] = useState(false);
  const refresh = () => setRound((value) => value + 1);

  if (dossier.error) return <ErrorMessage error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data || (!overview.data && !overview.error)) return <Loading />;
  const data = dossier.data;
  const current = overview.data?.current ?? null;
  const pending = overview.data?.pendingCorrection ?? null;
  const decisions = [pending, current, ...(overview.data?.history ?? [])].filter(
    (decision): decision is DecisionView => decision !== null,
  );
  const byId = (decisionId: string | null | undefined) => decisions.find((decision) => decision.id === decisionId);
  // An élu records and signs the correction of a signed decision.
  const corrector = can(me, 'decision.correct');
  const signed = byId(signing);
  const proposal = opinions.data?.[0] ?? null;
  const mine = overview.data?.declarations.find((declaration) => declaration.userId === user.id);
  const envelopeNow = overview.data?.envelope ?? envelope.data ?? null;
  const declarationOpen = role === 'elected_official' && data.state.startsWith('decision.');

  return (
    <div className="decision-page">
      <p className="breadcrumb">
        <Link href={`/dossiers/${id}`}>{data.reference}</Link> › Décision
      </p>
      <h1>Décision — {data.scic.name}</h1>
      <p>
        <StateBadge state={data.state} label={data.stateLabel} /> · Montant demandé{' '}
        {formatCents(data.requestedAmountCents)} ({formatInteger(data.requestedShares)} parts de{' '}
        {formatCents(data.nominalShareValueCents)})
      </p>
      {can(me, 'report.read') && (
        <p>
          <a href={`/api/dossiers/${id}/report.pdf`}>{ACTION_CONFIRMATIONS.reportLink}</a>
        </p>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      {overview.error && <ErrorMessage error={overview.error} onRetry={overview.reload} />}
      <div className="cards">
        <section aria-labelledby="proposal-title" className="panel">
          <h2 id="proposal-title">Proposition du comité d’engagement</h2>
          {opinions.error && <ErrorMessage error={opinions.error} />}
          {opinions.data && !proposal && <p>Le comité n’a pas encore rendu d’avis sur ce dossier.</p>}
          {proposal && (
            <>
              <p>
                Avis <strong>{(ENUM_LABELS[proposal.opinion] ?? proposal.opinion).toLowerCase()}</strong> de la séance
                du {formatDate(proposal.sessionDate)}
                {proposal.proposedAmountCents !== null && (
                  <>
                    {' '}
                    : montant proposé <strong>{formatCents(proposal.proposedAmountCents)}</strong>
                    {proposal.proposedShares !== null && ` (${formatInteger(proposal.proposedShares)} parts)`}
                  </>
                )}
                .
              </p>
              <p>{proposal.motivation}</p>
              {proposal.conditions && <p>Conditions : {proposal.conditions}</p>}
            </>
          )}
          <p>
            <Link href={`/dossiers/${id}?onglet=comite`}>Composition, déclarations et votes du comité</Link>
          </p>
        </section>
        <section aria-labelledby="envelope-title" className="panel">
          <h2 id="envelope-title">Enveloppe budgétaire {year}</h2>
          {envelope.error && <ErrorMessage error={envelope.error} />}
          {envelopeNow ? (
            <>
              <p>
                Reste disponible : <strong>{formatCents(envelopeNow.remainingCents)}</strong> sur{' '}
                {formatCents(envelopeNow.amountCents)}.
              </p>
              <p>
                Déjà engagé par les décisions signées : {formatCents(envelopeNow.committedCents)} — programme{' '}
                {envelopeNow.programmeReference}.
              </p>
            </>
          ) : (
            envelope.data === null && <p>Aucune enveloppe n’est fixée pour {year}.</p>
          )}
        </section>
      </div>
      {data.allowedEvents.includes('RECORD_DECISION') && (
        <DecisionForm
          dossier={data}
          proposal={proposal}
          onReload={refresh}
          onDone={() => {
            setNotice(`Action enregistrée : ${EVENT_LABELS.RECORD_DECISION}.`);
            refresh();
          }}
        />
      )}
      {current && (
        <DecisionDetails decision={current} headingId="current-decision-title" corrects={byId(current.supersedesId)} />
      )}
      {corrector && current?.signed && !pending && !correcting && (
        <p>
          <button type="button" className="button secondary" onClick={() => setCorrecting(true)}>
            Corriger la décision
          </button>
        </p>
      )}
      {correcting && current && !pending && (
        <DecisionForm
          dossier={data}
          proposal={current.proposal}
          corrects={current}
          onReload={refresh}
          onCancel={() => setCorrecting(false)}
          onDone={() => {
            setCorrecting(false);
            setNotice('Correction enregistrée : elle prendra effet une fois signée.');
            refresh();
          }}
        />
      )}
      {pending && (
        <DecisionDetails decision={pending} headingId="pending-correction-title" corrects={current ?? undefined} />
      )}
      {corrector && pending && (
        <p>
          <button type="button" className="button primary" onClick={() => setSigning(pending.id)}>
            Signer la correction
          </button>
        </p>
      )}
      {declarationOpen && <SignatoryDeclarationForm dossierId={id} mine={mine} onDone={refresh} />}
      {data.allowedEvents.includes('SIGN') && current && !current.signed && (
        <p>
          <button type="button" className="button primary" onClick={() => setSigning(current.id)}>
            {EVENT_LABELS.SIGN}
          </button>
        </p>
      )}
      {signed && (
        <SignDialog
          dossier={data}
          decision={signed}
          corrects={byId(signed.supersedesId)}
          envelope={envelopeNow}
          declaration={mine}
          onReload={refresh}
          onClose={() => setSigning(undefined)}
          onSigned={() => {
            setNotice(
              signed.supersedesId
                ? 'Correction signée : elle est en vigueur.'
                : `Action enregistrée : ${EVENT_LABELS.SIGN}.`,
            );
            refresh();
          }}
        />
      )}
      <DecisionHistory decisions={decisions} />
    </div>
  );
}
