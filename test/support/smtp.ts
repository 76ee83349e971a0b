/**
 * A real SMTP server in the test process (the `smtp-server` package) that records what it
 * receives, and can hold a message's answer: the client has sent the whole message and
 * waits for the server's reply, as with a server that stalls, until the test releases it
 * (accepted) or rejects it. Only accepted messages count as delivered.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
  /** The Message-ID header: the worker's idempotency key, the same on every attempt. */
  messageId: string;
  /** When the server accepted it (ms since the epoch). */
  acceptedAt: number;
}

export interface HeldMessage extends Omit<Received, 'acceptedAt'> {
  /** Answers 250 (accepted) or, given an error, a temporary failure (451). */
  release(error?: Error): void;
}

export interface SmtpOptions {
  port?: number;
  /** Accepted messages are appended here (kept across a restart of the server). */
  messages?: Received[];
  /** Holds the answer to the messages for which it says true. */
  hold?: (message: Omit<Received, 'acceptedAt'>) => boolean;
  /** Called as soon as a message is held (e.g. to kill the sending process right then). */
  onHold?: (message: HeldMessage) => void;
}

export interface Smtp {
  port: number;
  url: string;
  messages: Received[];
  held: HeldMessage[];
  close(): Promise<void>;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<Smtp> {
  const messages = options.messages ?? [];
  const held: HeldMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message = {
          to: session.envelope.rcptTo.map((address) => address.address),
          raw,
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
        };
        const accept = () => {
          messages.push({ ...message, acceptedAt: Date.now() });
          callback();
        };
        if (!options.hold?.(message)) return accept();
        const holding: HeldMessage = {
          ...message,
          release(error?: Error) {
            if (!error) return accept();
            callback(Object.assign(error, { responseCode: 451 }));
          },
        };
        held.push(holding);
        options.onHold?.(holding);
      });
    },
  });
  // A client killed in the middle of a session (the crash suites kill -9 the app) resets
  // its connection: the server reports it as an 'error' event, which must not be left
  // unhandled (it would fail the whole suite). Anything else is shown.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error('SMTP test server:', error);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    held,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messages to one address. */
export const sentTo = (messages: Received[], email: string) => messages.filter((message) => message.to.includes(email));

/** Quoted-printable (and Q-encoding) bytes to text. */
function qp(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n(?=[ \t])/g, '');
  const line = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return line
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
}

export function bodyOf(raw: string): string {
  return qp(raw.replace(/=\r?\n/g, ''));
}
