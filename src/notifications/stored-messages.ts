/**
 * Outbox messages whose content was rendered when they were queued and travels in the
 * payload (a convocation carries the agenda as it was when the member was convoked).
 * They concern a session or a person rather than a dossier, so they carry no dossier id;
 * delivering one keeps its content in the application and sends it by e-mail if set up.
 */
import type { MessageContent } from './templates.js';

/** A convocation to a session of the comité d'engagement (committee module). */
export const COMMITTEE_CONVOCATION_TOPIC = 'committee.convocation';

export const STORED_CONTENT_TOPICS: ReadonlySet<string> = new Set([COMMITTEE_CONVOCATION_TOPIC]);

export interface StoredMessagePayload {
  recipient: { userId?: string; email?: string };
  content: MessageContent;
  [key: string]: unknown;
}

/** The one message a stored-content outbox row stands for (none when its payload is not one). */
export function storedMessage(
  topic: string,
  payload: Record<string, unknown>,
): { kind: string; recipient: { userId?: string; email?: string } } & MessageContent {
  const { recipient, content } = payload as Partial<StoredMessagePayload>;
  if (!recipient || !content || typeof content.subject !== 'string') {
    throw new Error(`Outbox message of topic ${topic} carries no stored content`);
  }
  return { kind: topic, recipient, subject: content.subject, text: content.text, html: content.html };
}
