/** E-mail through SMTP (`SMTP_URL`); without it, messages stay in the application only. */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface Mail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Each phase of a send gives up well within the outbox lease (2/3 of it for connecting,
 * which includes the DNS look-up, the greeting and a silent server together; at most
 * 10 s / 10 s / 20 s): a worker still waiting on a server when its lease ends would send
 * the same e-mail as the instance that took the message over. A value in `SMTP_URL` may
 * shorten a phase, never lengthen it.
 */
export function smtpTimeouts(leaseMs: number): Record<string, number> {
  const sixth = Math.floor(leaseMs / 6);
  return {
    connectionTimeout: Math.min(10_000, sixth),
    greetingTimeout: Math.min(10_000, sixth),
    socketTimeout: Math.min(20_000, 2 * sixth),
  };
}

/** `SMTP_URL` with its timeouts bounded by the lease (nodemailer reads them from the query). */
export function smtpTransportUrl(smtpUrl: string, leaseMs: number): string {
  const url = new URL(smtpUrl);
  for (const [key, limit] of Object.entries(smtpTimeouts(leaseMs))) {
    const asked = Number(url.searchParams.get(key));
    url.searchParams.set(key, String(asked > 0 ? Math.min(asked, limit) : limit));
  }
  return url.toString();
}

@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl)
      this.transport = nodemailer.createTransport(smtpTransportUrl(config.smtpUrl, config.outboxLeaseMs));
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) return;
    await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
