/**
 * The committee's sessions: the list (and a new session, for the secretary and the
 * instructors), then one session: agenda, convocations, attendance, each dossier's
 * composition, declarations and votes, the secretary's opinion form, closing and minutes.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { AgendaItem, Dossier, SessionView } from '../api/views';
import { can, useMe } from '../auth';
import { ErrorSummary, FieldErrors, describedBy, fieldErrorMap } from '../components/fields';
import { ConfirmDialog, ErrorMessage, Loading, Notice } from '../components/ui';
import { formatCents, formatDate, plural, todayIso } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ACTION_CONFIRMATIONS, ENUM_LABELS } from '../i18n/fr';
import { CommitteeTab } from '../dossier/CommitteeTab';
import { EventDialog } from '../dossier/Actions';
import { Link, navigate } from '../router';

function sessionTitle(session: SessionView): string {
  return `Séance du ${formatDate(session.sessionDate)}${session.startTime ? ` à ${session.startTime.replace(':', ' h ')}` : ''}`;
}

export function SessionsPage() {
  useTitle('Comité d’engagement');
  const { role } = useMe();
  const sessions = useLoad(() => api.get<SessionView[]>('/committee/sessions'), 'sessions');
  const canCreate = role === 'committee_secretary' || role === 'instructor';
  return (
    <>
      <h1>Comité d’engagement</h1>
      {sessions.error && <ErrorMessage error={sessions.error} onRetry={sessions.reload} />}
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.data && (
        <section aria-labelledby="sessions-list-title">
          <h2 id="sessions-list-title">Séances ({plural(sessions.data.length, 'session')})</h2>
          {sessions.data.length === 0 ? (
            <p>Aucune séance.</p>
          ) : (
            <ul className="cards">
              {sessions.data.map((session) => (
                <li key={session.id} className="card">
                  <p className="card-title">
                    <Link href={`/comite/seances/${session.id}`}>{sessionTitle(session)}</Link>
                  </p>
                  <p className="muted">{session.place ?? session.videoLink}</p>
                  <p>
                    {ENUM_LABELS[session.status] ?? session.status} · {plural(session.agenda?.length ?? 0, 'dossier')}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {canCreate && <NewSession />}
    </>
  );
}

function NewSession() {
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState('14:30');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<ApiError>();
  const errors = fieldErrorMap(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.post<SessionView>('/committee/sessions', {
        sessionDate: date,
        startTime: time,
        ...(place.trim() ? { place: place.trim() } : {}),
      });
      navigate(`/comite/seances/${created.id}`);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="new-session-title" noValidate>
      <h2 id="new-session-title">Programmer une séance</h2>
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <ErrorSummary errors={errors} />
      <div className="field">
        <label htmlFor="f-sessionDate">Date</label>
        <input
          id="f-sessionDate"
          type="date"
          value={date}
          min={todayIso()}
          onChange={(event) => setDate(event.target.value)}
          aria-invalid={errors.has('sessionDate') || undefined}
          aria-describedby={describedBy(errors.has('sessionDate') && 'e-sessionDate')}
        />
        <FieldErrors path="sessionDate" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-startTime">Heure</label>
        <input id="f-startTime" type="time" value={time} onChange={(event) => setTime(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-place">Lieu</label>
        <input
          id="f-place"
          type="text"
          value={place}
          onChange={(event) => setPlace(event.target.value)}
          aria-invalid={errors.has('place') || undefined}
          aria-describedby={describedBy(errors.has('place') && 'e-place')}
        />
        <FieldErrors path="place" errors={errors} />
      </div>
      <button type="submit" className="button primary">
        Créer la séance
      </button>
    </form>
  );
}

interface AttendanceRow {
  userId: string;
  displayName: string;
  seats: { label: string }[];
  convoked: boolean;
  present: boolean | null;
}

export function SessionPage({ id }: { id: string }) {
  const me = useMe();
  const { role } = me;
  const [confirming, setConfirming] = useState<'convocations' | 'closeSession'>();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<ApiError>();
  const [opinionFor, setOpinionFor] = useState<Dossier>();
  const session = useLoad(() => api.get<SessionView>(`/committee/sessions/${id}`), `${id}/${round}`);
  const agenda = useLoad(() => api.get<AgendaItem[]>(`/committee/sessions/${id}/agenda`), `${id}/${round}`);
  const attendance = useLoad(() => api.get<AttendanceRow[]>(`/committee/sessions/${id}/attendance`), `${id}/${round}`);
  useTitle(session.data ? sessionTitle(session.data) : 'Séance du comité');
  const refresh = () => setRound((value) => value + 1);
  const secretary = role === 'committee_secretary';
  const manages = secretary || role === 'instructor';
  const open = session.data?.status === 'OPEN';

  const act = async (what: () => Promise<unknown>, message: string) => {
    setError(undefined);
    try {
      await what();
      setNotice(message);
      refresh();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  if (session.error) return <ErrorMessage error={session.error} onRetry={session.reload} />;
  if (!session.data) return <Loading />;
  const data = session.data;
  const rows = attendance.data ?? [];
  return (
    <>
      <p className="breadcrumb">
        <Link href="/comite">Comité d’engagement</Link> › {sessionTitle(data)}
      </p>
      <h1>{sessionTitle(data)}</h1>
      <p>
        {data.place ?? data.videoLink} · {ENUM_LABELS[data.status] ?? data.status}
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error.message}</p>
          {Array.isArray(error.details.dossiers) && (
            <p>
              Dossiers en attente :{' '}
              {(error.details.dossiers as { reference?: string }[]).map((d) => d.reference).join(', ')}
            </p>
          )}
        </div>
      )}
      <div className="action-list">
        {manages && open && (
          <button type="button" className="button secondary" onClick={() => setConfirming('convocations')}>
            Envoyer les convocations
          </button>
        )}
        {secretary && open && (
          <button type="button" className="button danger" onClick={() => setConfirming('closeSession')}>
            Clore la séance
          </button>
        )}
        {!open && (
          <a className="button secondary" href={`/api/committee/sessions/${id}/minutes.pdf`}>
            Télécharger le procès-verbal (PDF)
          </a>
        )}
      </div>

      <section aria-labelledby="chair-title">
        <h2 id="chair-title">Présidence</h2>
        <p>
          {data.chair ? `Séance présidée par ${data.chair.displayName}.` : 'Aucune présidence désignée.'} En cas
          d’égalité des voix, la voix de la présidence est prépondérante si elle siège pour le dossier.
        </p>
        {secretary && open && rows.some((row) => row.convoked) && (
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              const chairUserId = new FormData(event.currentTarget).get('chairUserId') as string;
              void act(
                () => api.patch(`/committee/sessions/${id}`, { chairUserId: chairUserId || null }),
                'Présidence enregistrée.',
              );
            }}
          >
            <div className="field">
              <label htmlFor="f-chairUserId">Présidence de la séance</label>
              <select id="f-chairUserId" name="chairUserId" defaultValue={data.chair?.userId ?? ''}>
                <option value="">— Aucune —</option>
                {rows
                  .filter((row) => row.convoked)
                  .map((row) => (
                    <option key={row.userId} value={row.userId}>
                      {row.displayName}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="button secondary">
              Désigner la présidence
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="attendance-title">
        <h2 id="attendance-title">Présences</h2>
        {rows.length === 0 ? (
          <p>Aucun membre convoqué.</p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              void act(
                () =>
                  api.put(`/committee/sessions/${id}/attendance`, {
                    entries: rows
                      .filter((row) => row.convoked)
                      .map((row) => ({ userId: row.userId, present: form.has(row.userId) })),
                  }),
                'Présences enregistrées.',
              );
            }}
          >
            <fieldset className="group" disabled={!secretary || !open}>
              <legend>Membres convoqués présents</legend>
              {rows.map((row) => (
                <div className="field checkbox" key={row.userId}>
                  <input
                    id={`f-present-${row.userId}`}
                    type="checkbox"
                    name={row.userId}
                    defaultChecked={row.present === true}
                    disabled={!row.convoked}
                  />
                  <label htmlFor={`f-present-${row.userId}`}>
                    {row.displayName} — {row.seats.map((seat) => seat.label).join(', ')}
                    {!row.convoked && ' (non convoqué)'}
                  </label>
                </div>
              ))}
              {secretary && open && (
                <button type="submit" className="button primary">
                  Enregistrer les présences
                </button>
              )}
            </fieldset>
          </form>
        )}
      </section>

      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">Ordre du jour</h2>
        {agenda.error && <ErrorMessage error={agenda.error} />}
        {(agenda.data ?? []).length === 0 && <p>Aucun dossier inscrit.</p>}
        <ol className="agenda">
          {(agenda.data ?? []).map((item) => (
            <li key={`${item.dossierId}-${item.status}`} className="panel">
              <h3>
                <Link href={`/dossiers/${item.dossierId}`}>
                  {String(item.reference ?? '')} — {String(item.scicName ?? '')}
                </Link>
              </h3>
              <p>
                {String(item.commune ?? '')} · {formatCents(item.requestedAmountCents as number)} ·{' '}
                {ENUM_LABELS[item.status] ?? item.status}
                {item.dossierStateLabel ? ` · ${String(item.dossierStateLabel)}` : ''}
              </p>
              {can(me, 'report.read') && (
                <p>
                  <a href={`/api/dossiers/${item.dossierId}/report.pdf`}>
                    {ACTION_CONFIRMATIONS.reportLink}
                    <span className="visually-hidden"> — {String(item.scicName ?? '')}</span>
                  </a>
                </p>
              )}
              {item.status === 'SCHEDULED' && <CommitteeTab dossierId={item.dossierId} sessionId={id} />}
              {secretary && open && item.dossierState === 'committee.scheduled' && (
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void api.get<Dossier>(`/dossiers/${item.dossierId}`).then(setOpinionFor, setError)}
                >
                  Enregistrer l’avis du comité
                  <span className="visually-hidden"> pour {String(item.scicName ?? '')}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      </section>
      {confirming && (
        <ConfirmDialog
          title={ACTION_CONFIRMATIONS[confirming].title}
          text={ACTION_CONFIRMATIONS[confirming].text}
          confirmLabel={ACTION_CONFIRMATIONS[confirming].confirm}
          onClose={() => setConfirming(undefined)}
          onConfirm={async () => {
            await (confirming === 'convocations'
              ? act(() => api.post(`/committee/sessions/${id}/convocations`, {}), 'Convocations envoyées.')
              : act(() => api.post(`/committee/sessions/${id}/close`, {}), 'Séance close : procès-verbal généré.'));
            setConfirming(undefined);
          }}
        />
      )}
      {opinionFor && (
        <EventDialog
          type="RECORD_OPINION"
          dossier={opinionFor}
          onClose={() => setOpinionFor(undefined)}
          onReload={() => void api.get<Dossier>(`/dossiers/${opinionFor.id}`).then(setOpinionFor)}
          onDone={() => {
            setOpinionFor(undefined);
            setNotice(`Avis enregistré pour ${opinionFor.scic.name}.`);
            refresh();
          }}
        />
      )}
    </>
  );
}
