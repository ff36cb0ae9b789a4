import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config.service';
import { AccountsRepository } from './accounts.repository';

/**
 * Failed sign-ins per email address and per IP address over a sliding window
 * (SIGN_IN_WINDOW_MINUTES), counted in the database so every instance agrees.
 * The email is counted whether or not an account has it, so the throttle says
 * nothing about which addresses exist.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Reserves the attempt before the password is checked: it counts as a failure
   * from now on (so parallel attempts cannot all pass the check before any
   * failure is recorded), and a successful sign-in takes it back
   * (recordSuccess). TOO_MANY_REQUESTS, with retryAfter in seconds, when either
   * budget is spent.
   */
  async reserveAttempt(email: string, ip: string): Promise<void> {
    const maxPerAccount = this.config.get('SIGN_IN_MAX_FAILURES_PER_ACCOUNT');
    const maxPerIp = this.config.get('SIGN_IN_MAX_FAILURES_PER_IP');
    const counts = await this.accounts.reserveSignInAttempt(email, ip, this.config.get('SIGN_IN_WINDOW_MINUTES'), {
      perAccount: maxPerAccount,
      perIp: maxPerIp,
    });
    if (counts.reserved) return;
    const waits = [
      counts.byEmail >= maxPerAccount ? counts.emailFreeIn : null,
      counts.byIp >= maxPerIp ? counts.ipFreeIn : null,
    ].filter((wait): wait is number => wait !== null);
    const retryAfter = Math.max(1, ...waits);
    throw new DomainError(
      ErrorCode.TOO_MANY_REQUESTS,
      `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} min`,
      { retryAfter, reason: 'signInThrottled' },
    );
  }

  /** A successful sign-in clears the account's count, its own reservation included (not the IP's other failures). */
  async recordSuccess(email: string): Promise<void> {
    await this.accounts.deleteSignInFailures(email);
  }
}
