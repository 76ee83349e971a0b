/**
 * The convocation to a session of the comité d'engagement, in French, as plain text and
 * HTML. Pure: the session and its agenda in, the message out; its content is stored in
 * the outbox (and then in the member's notifications) whether or not e-mail is set up.
 */
import { formatEuros, formatFrenchDate, formatFrenchTime } from '../../common/french-format.js';
import { escapeHtml, type MessageContent } from '../../notifications/templates.js';

export interface ConvocationSession {
  date: string;
  startTime: string | null;
  place: string | null;
  videoLink: string | null;
  chairName: string | null;
}

export interface ConvocationAgendaItem {
  position: number;
  reference: string;
  scicName: string;
  commune: string;
  requestedAmountCents: number;
}

const SIGNATURE = 'Le secrétariat du comité d’engagement — Mission ESS du Département';

export function convocationMessage(
  recipientName: string,
  session: ConvocationSession,
  agenda: readonly ConvocationAgendaItem[],
): MessageContent {
  const when = `le ${formatFrenchDate(session.date)}${session.startTime ? ` à ${formatFrenchTime(session.startTime)}` : ''}`;
  const where = [
    session.place ? `Lieu : ${session.place}` : null,
    session.videoLink ? `Visioconférence : ${session.videoLink}` : null,
  ].filter((line): line is string => line !== null);
  const items = agenda.map(
    (item) =>
      `${item.position}. ${item.reference} — ${item.scicName} (${item.commune}) : demande de ${formatEuros(item.requestedAmountCents)}`,
  );
  const intro = `Vous êtes convoqué(e) à la séance du comité d’engagement qui se tiendra ${when}.`;
  const agendaTitle = agenda.length ? 'Ordre du jour :' : 'L’ordre du jour vous sera communiqué ultérieurement.';
  const interests =
    'Pour chaque dossier, vous déclarerez dans l’application si vous avez un intérêt dans la SCIC (associé, dirigeant, salarié, lien familial, représentant du Département) avant de voter ; un intérêt déclaré vous retire de la délibération sur ce dossier (déport).';
  const chair = session.chairName ? `La séance sera présidée par ${session.chairName}.` : null;

  const paragraphs = [`Bonjour ${recipientName},`, intro, ...where, ...(chair ? [chair] : [])];
  const text = [...paragraphs, agendaTitle, ...items, interests, SIGNATURE].join('\n\n') + '\n';
  const html =
    '<!doctype html><html lang="fr"><body>' +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p>${escapeHtml(agendaTitle)}</p>` +
    (items.length
      ? `<ol>${agenda.map((_item, i) => `<li>${escapeHtml(items[i].replace(/^\d+\. /, ''))}</li>`).join('')}</ol>`
      : '') +
    `<p>${escapeHtml(interests)}</p><p>${escapeHtml(SIGNATURE)}</p></body></html>`;
  return { subject: `Convocation — comité d’engagement du ${formatFrenchDate(session.date)}`, text, html };
}
