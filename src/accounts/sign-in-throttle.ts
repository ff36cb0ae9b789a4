import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config.service';

/**
 * Failed sign-ins per email address and per IP address over a sliding window
 * (SIGN_IN_WINDOW_MINUTES), counted in the database so every instance agrees.
 * The email is counted whether or not an account has it, so the throttle says
 * nothing about which addresses exist.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** TOO_MANY_REQUESTS, with retryAfter in seconds, when either budget is spent. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const window = this.config.get('SIGN_IN_WINDOW_MINUTES');
    const [row] = await this.db.query<{ by_email: number; by_ip: number; email_free_in: number | null; ip_free_in: number | null }[]>(
      `WITH recent AS (
         SELECT email, ip, at FROM sign_in_failure
         WHERE (email = $1 OR ip = $2) AND at > now() - make_interval(mins => $3)
       ), by_email AS (
         SELECT at FROM recent WHERE email = $1 ORDER BY at DESC OFFSET $4 - 1 LIMIT 1
       ), by_ip AS (
         SELECT at FROM recent WHERE ip = $2 ORDER BY at DESC OFFSET $5 - 1 LIMIT 1
       )
       SELECT (SELECT count(*) FROM recent WHERE email = $1)::int AS by_email,
              (SELECT count(*) FROM recent WHERE ip = $2)::int AS by_ip,
              (SELECT ceil(extract(epoch FROM at + make_interval(mins => $3) - now())) FROM by_email)::int AS email_free_in,
              (SELECT ceil(extract(epoch FROM at + make_interval(mins => $3) - now())) FROM by_ip)::int AS ip_free_in`,
      [email, ip, window, this.config.get('SIGN_IN_MAX_FAILURES_PER_ACCOUNT'), this.config.get('SIGN_IN_MAX_FAILURES_PER_IP')],
    );
    const waits = [
      row.by_email >= this.config.get('SIGN_IN_MAX_FAILURES_PER_ACCOUNT') ? row.email_free_in : null,
      row.by_ip >= this.config.get('SIGN_IN_MAX_FAILURES_PER_IP') ? row.ip_free_in : null,
    ].filter((wait): wait is number => wait !== null);
    if (waits.length) {
      const retryAfter = Math.max(1, ...waits);
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} min`,
        { retryAfter, reason: 'signInThrottled' },
      );
    }
  }

  /** Counts a failure; forgets failures older than the window as it goes. */
  async recordFailure(email: string, ip: string): Promise<void> {
    await this.db.query(
      `WITH expired AS (DELETE FROM sign_in_failure WHERE at < now() - make_interval(mins => $3))
       INSERT INTO sign_in_failure (email, ip) VALUES ($1, $2)`,
      [email, ip, this.config.get('SIGN_IN_WINDOW_MINUTES')],
    );
  }

  /** A successful sign-in clears the account's count (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    await this.db.query('DELETE FROM sign_in_failure WHERE email = $1', [email]);
  }
}
