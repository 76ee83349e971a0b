/** The home page, per role: counts per state, then what this role has to do next. */
import { api } from '../api/client';
import type { DossierSummary, OverviewItem, Page, SessionView } from '../api/views';
import { useMe } from '../auth';
import { ErrorMessage, Loading, StateBadge } from '../components/ui';
import { formatCents, formatDate, plural } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ENUM_LABELS, MESSAGES } from '../i18n/fr';
import { Link } from '../router';

export function DashboardPage() {
  useTitle(MESSAGES.navDashboard);
  const { role } = useMe();
  return (
    <>
      <h1>{MESSAGES.navDashboard}</h1>
      {role === 'instructor' && (
        <DossierQueue title="Dossiers en instruction" state="instruction" empty="Aucun dossier en instruction." />
      )}
      {role === 'instructor' && (
        <DossierQueue title="Dossiers à enregistrer (brouillons)" state="draft" empty="Aucun brouillon." />
      )}
      {role === 'instructor' && (
        <DossierQueue
          title="Dossiers en attente de compléments"
          state="awaitingComplements"
          empty="Aucun dossier en attente."
        />
      )}
      {(role === 'committee_member' || role === 'committee_secretary' || role === 'instructor') && (
        <NextSessions memberView={role === 'committee_member'} />
      )}
      {role === 'committee_secretary' && (
        <DossierQueue
          title="Dossiers en attente d’une séance"
          state="committee.awaitingSession"
          empty="Aucun dossier en attente de séance."
        />
      )}
      {role === 'elected_official' && (
        <DossierQueue
          title="Décisions à prendre ou à signer"
          state="decision"
          empty="Aucune décision n’attend les élus."
          decision
        />
      )}
      <Overview />
    </>
  );
}

function Overview() {
  const overview = useLoad(() => api.get<{ items: OverviewItem[] }>('/dossiers/overview'), 'overview');
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Dossiers par étape</h2>
      {overview.error && <ErrorMessage error={overview.error} onRetry={overview.reload} />}
      {overview.loading && !overview.data && <Loading />}
      {overview.data && (
        <table className="table">
          <caption className="visually-hidden">Nombre de dossiers par étape, dont ceux en retard</caption>
          <thead>
            <tr>
              <th scope="col">Étape</th>
              <th scope="col" className="number">
                Dossiers
              </th>
              <th scope="col" className="number">
                En retard
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.data.items.map((item) => (
              <tr key={item.state}>
                <th scope="row">
                  <Link href={`/dossiers?etat=${encodeURIComponent(item.state)}`}>{item.stateLabel}</Link>
                </th>
                <td className="number">{item.total}</td>
                <td className="number">{item.overdue > 0 ? <strong>{item.overdue}</strong> : 0}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="number">{overview.data.items.reduce((sum, item) => sum + item.total, 0)}</td>
              <td className="number">{overview.data.items.reduce((sum, item) => sum + item.overdue, 0)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function DossierQueue({
  title,
  state,
  empty,
  decision = false,
}: {
  title: string;
  state: string;
  empty: string;
  decision?: boolean;
}) {
  const id = `queue-${state.replace(/\W/g, '-')}`;
  const list = useLoad(
    () => api.get<Page<DossierSummary>>(`/dossiers?state=${encodeURIComponent(state)}&pageSize=10&sort=updatedAt`),
    state,
  );
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {list.data && <span className="count"> ({plural(list.data.total, 'dossier')})</span>}
      </h2>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{empty}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="cards">
          {list.data.items.map((dossier) => (
            <li key={dossier.id} className="card">
              <p className="card-title">
                <Link href={decision ? `/dossiers/${dossier.id}/decision` : `/dossiers/${dossier.id}`}>
                  {dossier.scic.name}
                </Link>
              </p>
              <p className="muted">
                {dossier.reference} · {dossier.scic.commune} · {formatCents(dossier.requestedAmountCents)}
              </p>
              <p>
                <StateBadge state={dossier.state} label={dossier.stateLabel} />
              </p>
              {dossier.dueDate && (
                <p className={dossier.overdue ? 'overdue' : undefined}>
                  {dossier.overdue ? 'En retard : échéance dépassée le ' : 'Échéance de l’étape : '}
                  {formatDate(dossier.dueDate)}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NextSessions({ memberView }: { memberView: boolean }) {
  const sessions = useLoad(() => api.get<SessionView[]>('/committee/sessions'), 'sessions');
  // The soonest first, by date then time (the API lists the latest first).
  const upcoming = (sessions.data ?? [])
    .filter((session) => session.status === 'OPEN')
    .sort((a, b) => a.sessionDate.localeCompare(b.sessionDate) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{memberView ? 'Vos prochaines séances du comité' : 'Prochaines séances du comité'}</h2>
      {sessions.error && <ErrorMessage error={sessions.error} onRetry={sessions.reload} />}
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.data && upcoming.length === 0 && <p>Aucune séance ouverte.</p>}
      {upcoming.length > 0 && (
        <ul className="cards">
          {upcoming.map((session) => (
            <li key={session.id} className="card">
              <p className="card-title">
                <Link href={`/comite/seances/${session.id}`}>
                  Séance du {formatDate(session.sessionDate)}
                  {session.startTime ? ` à ${session.startTime.replace(':', ' h ')}` : ''}
                </Link>
              </p>
              <p className="muted">{session.place ?? session.videoLink ?? ''}</p>
              <p>
                {plural(session.agenda?.length ?? 0, 'dossier')} à l’ordre du jour · {ENUM_LABELS[session.status]}
              </p>
              {memberView && (session.agenda?.length ?? 0) > 0 && (
                <p>Une déclaration d’intérêts est attendue de vous pour chaque dossier avant le vote.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
