import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service';

/** One mail, ready to send: both bodies in the recipient's language. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable id (`<…@host>`): a mail sent twice after a crash is recognisable as the same one. */
  messageId: string;
  headers?: Record<string, string>;
}

/**
 * The SMTP channel (nodemailer, SMTP_URL). Without SMTP_URL it is off: notifications stay in the
 * application, and the log says so once at start.
 */
@Injectable()
export class Mailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(config: AppConfig) {
    const url = config.get('SMTP_URL');
    this.transport = url ? createTransport(url) : null;
    this.from = config.get('MAIL_FROM');
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) this.logger.log('SMTP_URL is not set: notifications stay in the application, no mail is sent');
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Hands the mail to the SMTP server; throws when it is refused (the mail job is then retried). */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('no SMTP_URL: mail is off');
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  }
}
