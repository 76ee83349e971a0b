/** The dossier's journal, newest first: who did what when, with the field changes, and the chain's check. */
import { api } from '../api/client';
import type { JournalEntry, JournalVerification } from '../api/views';
import { ErrorMessage, Loading } from '../components/ui';
import { formatDateTime, plural } from '../format';
import { useLoad } from '../hooks';
import { EVENT_LABELS, JOURNAL_TYPES, ROLE_LABELS } from '../i18n/fr';

/** What the verification found, in French (the API's messages are for administrators). */
const PROBLEM_TEXTS: Record<string, (seq?: number) => string> = {
  HASH_MISMATCH: (seq) => `chaîne d’empreintes rompue à l’entrée n° ${seq}`,
  TRUNCATED_TAIL: (seq) => `des entrées ont disparu après l’entrée n° ${seq}`,
  CHECKPOINT_HASH_MISMATCH: (seq) =>
    `l’entrée n° ${seq} ne correspond plus au point de contrôle signé (empreintes recalculées)`,
  VERSION_MISMATCH: () => 'le nombre de transitions ne correspond pas à la version du dossier',
  STATE_MISMATCH: () => 'la dernière étape du journal n’est pas celle du dossier',
  EMPTY_JOURNAL: () => 'le journal est vide',
  SIGNATURE_NOT_CHECKPOINTED: (seq) =>
    `la signature (entrée n° ${seq}) n’est encore couverte par aucun point de contrôle signé`,
};

function problemText(problem: { code: string; seq?: number; message: string }): string {
  return PROBLEM_TEXTS[problem.code]?.(problem.seq) ?? problem.message;
}

export function Timeline({ dossierId, journal, round }: { dossierId: string; journal: JournalEntry[]; round: number }) {
  const verification = useLoad(
    () => api.get<JournalVerification>(`/dossiers/${dossierId}/journal/verify`),
    `${dossierId}/${round}`,
  );
  return (
    <section aria-labelledby="journal-title">
      <h2 id="journal-title">Journal du dossier</h2>
      {verification.error && <ErrorMessage error={verification.error} onRetry={verification.reload} />}
      {verification.loading && !verification.data && <Loading />}
      {verification.data && (
        <p className={`alert ${verification.data.valid ? 'alert-success' : 'alert-error'}`}>
          {verification.data.valid
            ? `Chaîne d’intégrité vérifiée : ${plural(verification.data.entries, 'entry')}, aucune altération.`
            : `Vérification du journal en échec : ${verification.data.problems.map(problemText).join(' ; ')}.`}
        </p>
      )}
      <ol className="timeline" reversed>
        {[...journal].reverse().map((entry) => (
          <li key={entry.seq}>
            <p className="timeline-head">
              <strong>{describe(entry)}</strong>
              <span className="muted">
                {' '}
                — n° {entry.seq}, le {formatDateTime(entry.occurredAt)}, par{' '}
                {ROLE_LABELS[entry.actorRole] ?? entry.actorRole}
              </span>
            </p>
            <Details entry={entry} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(entry: JournalEntry): string {
  if (entry.type === 'TRANSITION') {
    const event = (entry.payload.event as { type?: string } | undefined)?.type ?? '';
    return EVENT_LABELS[event] ?? JOURNAL_TYPES.TRANSITION;
  }
  return JOURNAL_TYPES[entry.type] ?? entry.type;
}

function Details({ entry }: { entry: JournalEntry }) {
  const payload = entry.payload;
  const changes = payload.changes as { path: string; before: unknown; after: unknown }[] | undefined;
  const event = payload.event as Record<string, unknown> | undefined;
  if (changes?.length) {
    return (
      <details>
        <summary>
          {plural(changes.length, 'entry').replace('entrée', 'champ modifié').replace('entrées', 'champs modifiés')}
        </summary>
        <table className="table compact">
          <caption className="visually-hidden">Modifications</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Avant</th>
              <th scope="col">Après</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path}>
                <th scope="row">{change.path}</th>
                <td>{show(change.before)}</td>
                <td>{show(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    );
  }
  const reason = (event?.reason ?? payload.reason) as string | undefined;
  const file = payload.fileName as string | undefined;
  return (
    <>
      {reason && <p>Motif : {reason}</p>}
      {file && <p>Fichier : {file}</p>}
      {typeof payload.sha256 === 'string' && <p className="hash">Empreinte SHA-256 : {payload.sha256}</p>}
    </>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
