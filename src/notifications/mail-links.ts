import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationsRepository } from './notifications.repository';

/** What an unsubscribe link names: one person, one kind of notification. */
export interface UnsubscribeTarget {
  userId: string;
  kind: string;
}

/**
 * Signs and checks the one-click unsubscribe links of mails (RFC 8058): `<user>.<kind>.<hmac>`,
 * HMAC-SHA256 under the key the migration made (notification_secret 'mail-links'). The link is
 * its own authority: whoever has the mail may turn that kind of mail off, and nothing else.
 */
@Injectable()
export class MailLinks {
  private key: Promise<string> | null = null;

  constructor(private readonly repository: NotificationsRepository) {}

  async unsubscribeToken(target: UnsubscribeTarget): Promise<string> {
    return `${target.userId}.${target.kind}.${await this.sign(target)}`;
  }

  /** The target of a well-signed token; null for anything else. */
  async checkUnsubscribeToken(token: string): Promise<UnsubscribeTarget | null> {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [userId, kind, signature] = parts;
    if (!isUUID(userId) || !/^[A-Z_]{1,40}$/.test(kind)) return null;
    const expected = Buffer.from(await this.sign({ userId, kind }));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, kind } : null;
  }

  /**
   * A link token for one record and one purpose (e.g. confirming or ending a follow by e-mail):
   * `<id>.<hmac>` under the same key, the purpose inside the signed text, so a token made for one
   * purpose is worthless for another and for the unsubscribe links above.
   */
  async recordToken(purpose: string, id: string): Promise<string> {
    return `${id}.${await this.hmac(`${purpose}:${id}`)}`;
  }

  /** The record id of a well-signed token of this purpose; null for anything else. */
  async checkRecordToken(purpose: string, token: string): Promise<string | null> {
    const parts = token.split('.');
    if (parts.length !== 2 || !isUUID(parts[0])) return null;
    const expected = Buffer.from(await this.hmac(`${purpose}:${parts[0]}`));
    const given = Buffer.from(parts[1]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? parts[0] : null;
  }

  /** A keyed hash of a value (e.g. an e-mail address counted against a limit without keeping it). */
  keyedHash(purpose: string, value: string): Promise<string> {
    return this.hmac(`${purpose}:${value}`, 'hex');
  }

  private sign(target: UnsubscribeTarget): Promise<string> {
    return this.hmac(`unsubscribe:${target.userId}:${target.kind}`);
  }

  private async hmac(text: string, encoding: 'base64url' | 'hex' = 'base64url'): Promise<string> {
    this.key ??= this.repository.secret('mail-links').then((value) => {
      if (value === null) throw new Error('notification_secret has no mail-links key: run the migrations');
      return value;
    });
    const key = await this.key.catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return createHmac('sha256', key).update(text).digest(encoding);
  }
}
