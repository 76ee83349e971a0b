/**
 * The élus' decision: the committee's opinion, the budget envelope remaining, the
 * decision form (drawn from the API's RECORD_DECISION schema, so new fields appear with
 * the API), then the signature, confirmed against the document's hash, and its download.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError, idempotencyKey, request } from '../api/client';
import type { Dossier, Envelope } from '../api/views';
import { ErrorSummary, fieldErrorMap } from '../components/fields';
import { SchemaFields } from '../components/SchemaForm';
import { Dialog, ErrorMessage, Loading, Notice, StateBadge } from '../components/ui';
import { formatCents } from '../format';
import { useLoad, useTitle } from '../hooks';
import { EVENT_CONFIRMATIONS, EVENT_LABELS, MESSAGES } from '../i18n/fr';
import { Link, useLeaveGuard } from '../router';
import { CommitteeTab } from '../dossier/CommitteeTab';

interface DecisionView {
  documentSha256?: string | null;
  sha256?: string | null;
  documentUrl?: string;
  [key: string]: unknown;
}

const HIDDEN = { type: () => null, expectedVersion: () => null };

export function DecisionPage({ id }: { id: string }) {
  const [round, setRound] = useState(0);
  const dossier = useLoad(() => api.get<Dossier>(`/dossiers/${id}`), `${id}/${round}`);
  const year = new Date().getFullYear();
  const envelope = useLoad(() => api.get<Envelope>(`/envelopes/${year}`), String(year));
  const decision = useLoad(() => api.get<DecisionView>(`/dossiers/${id}/decision`), `${id}/${round}`);
  useTitle(dossier.data ? `Décision — ${dossier.data.scic.name}` : 'Décision');
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const [signing, setSigning] = useState(false);
  useLeaveGuard(Object.keys(draft).length > 0 && !notice, MESSAGES.leaveWarning);
  const errors = fieldErrorMap(error);

  if (dossier.error) return <ErrorMessage error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data) return <Loading />;
  const data = dossier.data;
  const send = async (body: Record<string, unknown>) => {
    setError(undefined);
    try {
      await request('POST', `/dossiers/${id}/events`, body, {
        headers: { 'if-match': `"${data.version}"`, 'idempotency-key': idempotencyKey() },
      });
      setNotice(`Action enregistrée : ${EVENT_LABELS[String(body.type)]}.`);
      setDraft({});
      setSigning(false);
      setRound((value) => value + 1);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const record = (event: FormEvent) => {
    event.preventDefault();
    void send({ ...draft, type: 'RECORD_DECISION' });
  };
  const hash = decision.data?.documentSha256 ?? decision.data?.sha256 ?? null;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/dossiers/${id}`}>{data.reference}</Link> › Décision
      </p>
      <h1>Décision — {data.scic.name}</h1>
      <p>
        <StateBadge state={data.state} label={data.stateLabel} /> · Montant demandé{' '}
        {formatCents(data.requestedAmountCents)}
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <section aria-labelledby="envelope-title" className="panel">
        <h2 id="envelope-title">Enveloppe budgétaire {year}</h2>
        {envelope.data ? (
          <p>
            Reste disponible : <strong>{formatCents(envelope.data.remainingCents)}</strong> sur{' '}
            {formatCents(envelope.data.amountCents)} ({envelope.data.programmeReference}).
          </p>
        ) : (
          <p>Aucune enveloppe n’est fixée pour {year}.</p>
        )}
      </section>
      <CommitteeTab dossierId={id} />
      {error && error.status === 412 && (
        <div className="alert alert-warning" role="alert">
          <p>{MESSAGES.dossierConflict.replace('{current}', String(error.currentVersion ?? '?'))}</p>
          <button type="button" className="button secondary" onClick={() => setRound((value) => value + 1)}>
            {MESSAGES.reloadDossier}
          </button>
        </div>
      )}
      {error && error.problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>{MESSAGES.conditionsNotMet}</p>
          <ul>
            {error.problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      {error && error.status !== 412 && error.problems.length === 0 && errors.size === 0 && (
        <ErrorMessage error={error} />
      )}
      {data.allowedEvents.includes('RECORD_DECISION') && (
        <form className="form panel" onSubmit={record} noValidate aria-labelledby="decision-form-title">
          <h2 id="decision-form-title">{EVENT_LABELS.RECORD_DECISION}</h2>
          <p>{EVENT_CONFIRMATIONS.RECORD_DECISION}</p>
          <ErrorSummary errors={errors} />
          <SchemaFields
            schemaName="RecordDecisionEventDto"
            value={draft}
            onChange={setDraft}
            path=""
            context={{ errors, readOnly: false, overrides: HIDDEN }}
          />
          <button type="submit" className="button primary">
            {EVENT_LABELS.RECORD_DECISION}
          </button>
        </form>
      )}
      {(hash || decision.data) && (
        <section aria-labelledby="document-title" className="panel">
          <h2 id="document-title">Acte de décision</h2>
          {hash && <p className="hash">Empreinte SHA-256 du document : {hash}</p>}
          {decision.data?.documentUrl && (
            <a className="button secondary" href={decision.data.documentUrl}>
              Télécharger l’acte (PDF)
            </a>
          )}
        </section>
      )}
      {data.allowedEvents.includes('SIGN') && (
        <button type="button" className="button primary" onClick={() => setSigning(true)}>
          {EVENT_LABELS.SIGN}
        </button>
      )}
      {signing && (
        <Dialog title={EVENT_LABELS.SIGN} onClose={() => setSigning(false)}>
          <p>{EVENT_CONFIRMATIONS.SIGN}</p>
          <p>
            Vous signez l’acte dont l’empreinte SHA-256 est :<br />
            <strong className="hash">{hash ?? 'non encore disponible'}</strong>
          </p>
          {error && <ErrorMessage error={error} />}
          <div className="dialog-buttons">
            <button type="button" className="button secondary" onClick={() => setSigning(false)}>
              {MESSAGES.cancel}
            </button>
            <button type="button" className="button primary" onClick={() => void send({ type: 'SIGN' })}>
              Je signe
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
