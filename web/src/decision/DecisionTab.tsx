/**
 * The dossier's « 5. Décision » tab: the decision in force, a correction awaiting its
 * signature and the earlier ones, read-only; the step is taken on the decision page.
 */
import { api } from '../api/client';
import type { DecisionOverview, DecisionView, Dossier } from '../api/views';
import { ErrorMessage, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { DecisionDetails, DecisionHistory } from './DecisionRecord';

export function DecisionTab({ dossier, round }: { dossier: Dossier; round: number }) {
  const overview = useLoad(
    () => api.get<DecisionOverview>(`/dossiers/${dossier.id}/decision`),
    `${dossier.id}/${round}`,
  );
  const open = dossier.allowedEvents.includes('RECORD_DECISION') || dossier.allowedEvents.includes('SIGN');
  if (overview.error) return <ErrorMessage error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <Loading />;
  const { current, pendingCorrection: pending, history } = overview.data;
  const decisions = [pending, current, ...history].filter((decision): decision is DecisionView => decision !== null);
  return (
    <section aria-labelledby="decision-tab-title">
      <h2 id="decision-tab-title">Décision des élus</h2>
      <p>
        <Link className={open ? 'button primary' : undefined} href={`/dossiers/${dossier.id}/decision`}>
          {open ? 'Prendre ou signer la décision' : 'Ouvrir la page de décision'}
        </Link>
      </p>
      {current ? (
        <DecisionDetails
          decision={current}
          headingId="tab-current-decision-title"
          corrects={history.find((decision) => decision.id === current.supersedesId)}
        />
      ) : (
        <p>Aucune décision n’est encore enregistrée.</p>
      )}
      {pending && (
        <DecisionDetails decision={pending} headingId="tab-pending-correction-title" corrects={current ?? undefined} />
      )}
      <DecisionHistory decisions={decisions} />
    </section>
  );
}
