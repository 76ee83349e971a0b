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

@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      // A server that does not answer must not hold the worker for minutes.
      const url = new URL(config.smtpUrl);
      for (const [key, value] of Object.entries({
        connectionTimeout: '10000',
        greetingTimeout: '10000',
        socketTimeout: '20000',
      })) {
        if (!url.searchParams.has(key)) url.searchParams.set(key, value);
      }
      this.transport = nodemailer.createTransport(url.toString());
    }
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
