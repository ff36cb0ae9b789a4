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

  /** TOO_MANY_REQUESTS, with retryAfter in seconds, when either budget is spent. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const maxPerAccount = this.config.get('SIGN_IN_MAX_FAILURES_PER_ACCOUNT');
    const maxPerIp = this.config.get('SIGN_IN_MAX_FAILURES_PER_IP');
    const counts = await this.accounts.signInFailureCounts(email, ip, this.config.get('SIGN_IN_WINDOW_MINUTES'), {
      perAccount: maxPerAccount,
      perIp: maxPerIp,
    });
    const waits = [
      counts.byEmail >= maxPerAccount ? counts.emailFreeIn : null,
      counts.byIp >= maxPerIp ? counts.ipFreeIn : null,
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
    await this.accounts.insertSignInFailure(email, ip, this.config.get('SIGN_IN_WINDOW_MINUTES'));
  }

  /** A successful sign-in clears the account's count (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    await this.accounts.deleteSignInFailures(email);
  }
}
