/**
 * Who is told what, per outbox topic: turns one outbox message into the messages to
 * keep and send. A topic without a handler is an error the administrator sees.
 */
import { Injectable } from '@nestjs/common';
import { SessionDates } from '../committee/session-dates.js';
import { DocumentCatalog } from '../documents/document-catalog.service.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { UsersService } from '../identity/users.service.js';
import { STORED_CONTENT_TOPICS, storedMessage } from './stored-messages.js';
import * as templates from './templates.js';
import type { MessageContent } from './templates.js';

export interface Recipient {
  userId?: string;
  email?: string;
}

export interface OutgoingMessage extends MessageContent {
  kind: string;
  recipient: Recipient;
}

export interface OutboxMessageView {
  id: string;
  /** Null for a message about a session or a person (stored-messages.ts). */
  dossierId: string | null;
  topic: string;
  payload: Record<string, unknown>;
}

export class UnknownTopicError extends Error {}

type DossierFacts = NonNullable<Awaited<ReturnType<DossiersService['notificationFacts']>>>;

interface Audience {
  contact: Recipient[];
  instructors: { id: string; email: string }[];
  requester: { id: string; email: string } | null;
}

interface TransitionPayload {
  event?: Record<string, unknown>;
  actor?: { userId?: string };
  state?: string;
  dueDate?: string;
}

@Injectable()
export class OutboxHandlers {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly users: UsersService,
    private readonly documents: DocumentCatalog,
    private readonly sessions: SessionDates,
  ) {}

  async messagesFor(message: OutboxMessageView): Promise<OutgoingMessage[]> {
    if (STORED_CONTENT_TOPICS.has(message.topic)) return [storedMessage(message.topic, message.payload)];
    if (message.dossierId === null) throw new UnknownTopicError(`No handler for outbox topic ${message.topic}`);
    const dossier = await this.dossiers.notificationFacts(message.dossierId);
    if (!dossier) return [];
    const payload = message.payload as TransitionPayload;
    const audience = await this.audienceOf(dossier, payload);
    const { recipients, content } = await this.compose(message.topic, dossier, payload, audience);
    return recipients.map((recipient) => ({ kind: message.topic, recipient, ...content }));
  }

  /**
   * The people most topics address: the SCIC's contact, the instructor who owns the
   * dossier (or every instructor when the owner left), and whoever triggered the event.
   */
  private async audienceOf(dossier: DossierFacts, payload: TransitionPayload): Promise<Audience> {
    const contact: Recipient[] = dossier.contactEmail ? [{ email: dossier.contactEmail }] : [];
    const owner = await this.users.activeById(dossier.createdBy);
    const instructors = owner ? [owner] : await this.users.activeWithRole('instructor');
    const requester = payload.actor?.userId ? await this.users.activeById(payload.actor.userId) : null;
    return { contact, instructors, requester };
  }

  /** Who is told, and what, for one topic about a dossier. */
  private async compose(
    topic: string,
    dossier: DossierFacts,
    payload: TransitionPayload,
    { contact, instructors, requester }: Audience,
  ): Promise<{ recipients: Recipient[]; content: MessageContent }> {
    const event = payload.event ?? {};
    switch (topic) {
      case 'complements.requested': {
        const pieces = Array.isArray(event.pieces) ? await this.documents.labels(event.pieces.map(String)) : [];
        const content = templates.complementsRequested(
          dossier,
          String(event.reason ?? ''),
          String(event.dueDate ?? ''),
          pieces,
        );
        // The SCIC by e-mail; the requester keeps a copy in the application.
        return { recipients: [...contact, ...(requester ? [{ userId: requester.id }] : [])], content };
      }
      case 'committee.scheduled':
        return {
          recipients: asRecipients(await this.users.activeWithRole('committee_secretary')),
          // The session's date, read when the message is delivered: the recipient learns when, not an id.
          content: templates.committeeScheduled(dossier, await this.sessions.dateOf(String(event.sessionId ?? ''))),
        };
      case 'committee.opinionRecorded':
        return {
          recipients: [
            ...asRecipients(instructors),
            ...asRecipients(await this.users.activeWithRole('elected_official')),
          ],
          content: templates.opinionRecorded(dossier, String(event.opinion ?? '')),
        };
      case 'decision.recorded':
        return {
          recipients: asRecipients(await this.users.activeWithRole('elected_official', { signingDelegation: true })),
          content: templates.decisionRecorded(dossier, String(event.outcome ?? '')),
        };
      case 'decision.signed':
        return {
          recipients: [...contact, ...asRecipients(instructors)],
          content: templates.decisionSigned(dossier, dossier.state === 'approved'),
        };
      case 'deadline.reminder':
        return {
          recipients: asRecipients(instructors),
          content: templates.deadlineReminder(dossier, String(payload.state), String(payload.dueDate)),
        };
      case 'deadline.overdue':
        return {
          recipients: asRecipients(instructors),
          content: templates.deadlineOverdue(dossier, String(payload.state), String(payload.dueDate)),
        };
      default:
        throw new UnknownTopicError(`No handler for outbox topic ${topic}`);
    }
  }
}

function asRecipients(users: { id: string; email: string }[]): Recipient[] {
  return users.map((u) => ({ userId: u.id, email: u.email }));
}
