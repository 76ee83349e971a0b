/**
 * Concurrent clients sending workflow events to a set of dossiers, as careful clients do:
 * read the dossier, send the event its state allows with `If-Match` and an
 * `Idempotency-Key`, and when no answer comes (instance killed, database down: no answer
 * or 503) send the very same request again — to another instance if there is one — until
 * the server gives a definite answer. The key makes that safe: a transition committed
 * before the answer was lost is answered again from the stored response, never applied
 * twice. Every acknowledged transition is kept for the checks afterwards.
 */
import { errorCode, send, sessionHeaders, sleep, type Answer, type Session } from './client.js';
import type { Figures } from './figures.js';

export interface Ack {
  dossierId: string;
  key: string;
  event: string;
  state: string;
  version: number;
  journalSeq: number;
  replayed: boolean;
}

export interface LoadOptions {
  /** Base URLs of the instances; client `i` starts on `instances[i % n]`. */
  instances: string[];
  sessions: Session[];
  clients: number;
  dossierIds: string[];
  durationMs: number;
  figures: Figures;
  /** REQUEST_COMPLEMENTS's due date (a future day). */
  dueDate: string;
  /** How long past the end a client keeps resending an unanswered request. */
  settleMs?: number;
  /** Sees every answer (e.g. to check what a 503 says). */
  onAnswer?: (answer: Answer) => void;
}

export interface LoadResult {
  acks: Ack[];
  /** Requests still without a definite answer when their client gave up (must be 0). */
  unresolved: { dossierId: string; key: string }[];
  /** Answers that are neither success, conflict, nor "unavailable" (503): status, code, sample. */
  unexpected: string[];
  replays: number;
}

export async function runEventLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { acks: [], unresolved: [], unexpected: [], replays: 0 };
  const end = Date.now() + options.durationMs;
  const clients = Array.from({ length: options.clients }, (_, index) => runClient(index, end, options, result));
  await Promise.all(clients);
  const answered = (acks: Ack[]) => new Set(acks.map((ack) => `${ack.dossierId}:${ack.journalSeq}`));
  const firstHand = answered(result.acks.filter((ack) => !ack.replayed));
  options.figures.acknowledged += answered(result.acks).size;
  options.figures.replayed += [...answered(result.acks)].filter((id) => !firstHand.has(id)).length;
  return result;
}

async function runClient(index: number, end: number, options: LoadOptions, result: LoadResult): Promise<void> {
  const { figures } = options;
  const session = options.sessions[index % options.sessions.length];
  let instance = index % options.instances.length;
  const rotate = () => (instance = (instance + 1) % options.instances.length);
  let sequence = 0;

  while (Date.now() < end) {
    const dossierId = options.dossierIds[Math.floor(Math.random() * options.dossierIds.length)];
    const read = await send(
      options.instances[instance],
      { method: 'GET', path: `/api/dossiers/${dossierId}`, headers: sessionHeaders(session, 'GET') },
      figures,
    );
    if (read.kind === 'none' || read.status >= 500) {
      if (read.kind === 'answer') noteFailure(read, options, result);
      rotate();
      await sleep(100);
      continue;
    }
    if (read.status !== 200) {
      noteFailure(read, options, result);
      continue;
    }
    const event =
      read.body.state === 'awaitingComplements'
        ? { type: 'RECEIVE_COMPLEMENTS' }
        : { type: 'REQUEST_COMPLEMENTS', reason: 'Comptes annuels et liste des associés.', dueDate: options.dueDate };
    const key = `rel-${process.pid}-${index}-${sequence++}`;
    const headers = {
      ...sessionHeaders(session, 'POST'),
      'if-match': `"${read.body.version}"`,
      'idempotency-key': key,
    };
    const giveUpAt = Math.max(Date.now(), end) + (options.settleMs ?? 60_000);
    for (;;) {
      const answer = await send(
        options.instances[instance],
        { method: 'POST', path: `/api/dossiers/${dossierId}/events`, headers, body: event },
        figures,
      );
      if (answer.kind === 'answer') options.onAnswer?.(answer);
      if (answer.kind === 'answer' && answer.status === 200) {
        const replayed = answer.headers.get('idempotent-replayed') === 'true';
        if (replayed) result.replays++;
        result.acks.push({
          dossierId,
          key,
          event: event.type,
          state: answer.body.state,
          version: answer.body.version,
          journalSeq: answer.body.journalSeq,
          replayed,
        });
        break;
      }
      if (answer.kind === 'answer' && (answer.status === 409 || answer.status === 412)) {
        figures.conflicts++;
        break;
      }
      if (answer.kind === 'answer' && answer.status !== 503) {
        noteFailure(answer, options, result);
        break;
      }
      // No answer, or the database is unavailable: the outcome is unknown; ask again.
      if (answer.kind === 'answer') noteFailure(answer, options, result);
      if (Date.now() > giveUpAt) {
        result.unresolved.push({ dossierId, key });
        break;
      }
      if (answer.kind === 'none') rotate();
      await sleep(150);
    }
  }
}

function noteFailure(answer: Answer, options: LoadOptions, result: LoadResult): void {
  const code = errorCode(answer) ?? 'no error code';
  options.figures.error(`${answer.status} ${code}`);
  if (answer.status !== 503 && result.unexpected.length < 20) {
    result.unexpected.push(`${answer.status} ${code}: ${answer.text.slice(0, 300)}`);
  }
}
