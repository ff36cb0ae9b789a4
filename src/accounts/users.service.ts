import { Injectable } from '@nestjs/common';
import type { Translations } from '../i18n/translations';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertOrganizationFitsRole, assertOrganizationNamedForRole } from '../auth/organization-roles';
import { hashTokenSecret } from '../auth/token-secret';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config.service';
import { JobQueue } from '../jobs/job-queue';
import { AccountLink, AccountLinkPurpose } from './account-link.entity';
import { AccountsRepository } from './accounts.repository';
import { newLinkSecret, setPasswordUrl } from './account-links';
import { InviteUserInput } from './dto/invite-user.input';
import { PasswordHasher } from './password-hasher';
import { PasswordProblem, passwordProblem } from './password-policy';
import { Language, User, userView } from './user.entity';

const HOUR_MS = 3_600_000;

/** A set-password link as shown once to whoever made it. */
/** The job that mails an invitation or password link (its handler: src/notifications). */
export const ACCOUNT_LINK_MAIL_TASK = 'accounts.link-mail';

/** What the link mail job gets. The secret link is in the job only until it is mailed (a finished job is deleted). */
export interface AccountLinkMail {
  userId: string;
  url: string;
  expiresAt: string;
  purpose: AccountLinkPurpose;
}

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

export interface UserListItem extends User {
  organizationName: Translations | null;
}

/**
 * People: invitations, password resets and set-password links, deactivation.
 * Every change is audited in its transaction; sessions end in the same
 * transaction as the deactivation or password change that ends them.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  get baseUrl(): string {
    return this.config.publicBaseUrl;
  }

  async list(): Promise<UserListItem[]> {
    const users = await this.accounts.listUsers();
    return users.map((user) => Object.assign(user, { organizationName: user.organization?.name ?? null }));
  }

  findById(id: string): Promise<User | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.accounts.findUserById(id);
  }

  count(): Promise<number> {
    return this.accounts.countUsers();
  }

  /** Creates the account (no password yet) and its invitation link, shown once. */
  async invite(input: InviteUserInput, actor: Actor): Promise<{ user: User; link: IssuedLink }> {
    assertOrganizationNamedForRole(input.role, input.organizationId, 'user');
    return this.accounts.transaction(async (tx) => {
      await assertOrganizationFitsRole(tx, input.role, input.organizationId);
      const user = await this.accounts.insertUser(tx, {
        email: input.email.trim().toLowerCase(),
        displayName: input.displayName,
        role: input.role,
        organizationId: input.organizationId ?? null,
        preferredLanguage: input.preferredLanguage,
        passwordHash: null,
        deactivatedAt: null,
        lastSignInAt: null,
      });
      const link = await this.issueLink(tx, user.id, AccountLinkPurpose.INVITATION, actor.name);
      await this.mailLink(tx, user.id, link, AccountLinkPurpose.INVITATION);
      await this.audit.record(tx, { actor, action: 'user.invite', entityType: 'User', entityId: user.id, before: null, after: userView(user) });
      return { user, link };
    });
  }

  /** A new one-time link for the user to choose a password; earlier links stop working. */
  async issuePasswordReset(userId: string, actor: Actor): Promise<IssuedLink> {
    return this.accounts.transaction(async (tx) => {
      const user = await this.userOrFail(tx, userId);
      if (user.deactivatedAt) throw DomainError.badInput('userId', 'is deactivated; reactivate the account first');
      const purpose = user.passwordHash ? AccountLinkPurpose.PASSWORD_RESET : AccountLinkPurpose.INVITATION;
      const link = await this.issueLink(tx, user.id, purpose, actor.name);
      await this.mailLink(tx, user.id, link, purpose);
      await this.audit.record(tx, {
        actor,
        action: purpose === AccountLinkPurpose.PASSWORD_RESET ? 'user.passwordReset' : 'user.reinvite',
        entityType: 'User',
        entityId: user.id,
        before: null,
        after: { expiresAt: link.expiresAt },
      });
      return link;
    });
  }

  /** Deactivates the account and ends its sessions at once (same transaction). */
  async deactivate(userId: string, actor: Actor): Promise<User> {
    if (actor.userId && actor.userId === userId) throw DomainError.badInput('userId', 'you cannot deactivate your own account');
    return this.accounts.transaction(async (tx) => {
      const before = await this.userOrFail(tx, userId);
      if (before.deactivatedAt) return before;
      await this.accounts.deactivateUser(tx, userId);
      await this.accounts.deleteSessionsOfUser(tx, userId);
      await this.accounts.useUpLinks(tx, userId);
      const after = await this.accounts.findUserByIdOrFail(tx, userId);
      await this.audit.record(tx, { actor, action: 'user.deactivate', entityType: 'User', entityId: userId, before: userView(before), after: userView(after) });
      return after;
    });
  }

  async reactivate(userId: string, actor: Actor): Promise<User> {
    return this.accounts.transaction(async (tx) => {
      const before = await this.userOrFail(tx, userId);
      if (!before.deactivatedAt) return before;
      await this.accounts.reactivateUser(tx, userId);
      const after = await this.accounts.findUserByIdOrFail(tx, userId);
      await this.audit.record(tx, { actor, action: 'user.reactivate', entityType: 'User', entityId: userId, before: userView(before), after: userView(after) });
      return after;
    });
  }

  async setPreferredLanguage(userId: string, language: Language): Promise<void> {
    await this.accounts.setPreferredLanguage(userId, language);
  }

  /** The user a set-password link is for, while it is unused and unexpired; null otherwise. */
  async userForLink(secret: string): Promise<{ user: User; purpose: AccountLinkPurpose } | null> {
    const link = await this.validLink(null, secret, false);
    if (!link) return null;
    const user = await this.accounts.findUserById(link.userId);
    return user && !user.deactivatedAt ? { user, purpose: link.purpose } : null;
  }

  /**
   * Sets the password through a one-time link: the link is used up, every
   * session of the user ends, and the change is audited as the user's own.
   */
  async setPasswordWithLink(secret: string, password: string, requestId: string | null): Promise<User> {
    const found = await this.userForLink(secret);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, 'this link has expired or has already been used', { field: 'link' });
    const problem = passwordProblem(password, { email: found.user.email });
    if (problem) throw new DomainError(ErrorCode.BAD_USER_INPUT, `password: ${passwordMessage(problem)}`, { field: 'password', reason: problem });
    // Hashed before the transaction: ~20 ms of CPU that need not hold a connection.
    const passwordHash = await this.hasher.hash(password);
    return this.accounts.transaction(async (tx) => {
      const link = await this.validLink(tx, secret, true);
      if (!link) throw new DomainError(ErrorCode.NOT_FOUND, 'this link has expired or has already been used', { field: 'link' });
      await this.accounts.useUpLinks(tx, link.userId);
      await this.accounts.setPasswordHash(tx, link.userId, passwordHash);
      await this.accounts.deleteSessionsOfUser(tx, link.userId);
      const user = await this.accounts.findUserByIdOrFail(tx, link.userId);
      const actor: Actor = { tokenId: null, userId: user.id, name: user.displayName, role: user.role, organizationId: user.organizationId, requestId };
      await this.audit.record(tx, { actor, action: 'user.setPassword', entityType: 'User', entityId: user.id, before: null, after: { purpose: link.purpose } });
      return user;
    });
  }

  /** The link behind a secret, while unused and unexpired; in `tx` (locked when `lock`), or outside any transaction. */
  private async validLink(tx: EntityManager | null, secret: string, lock: boolean): Promise<AccountLink | null> {
    if (!/^[A-Za-z0-9_-]{10,100}$/.test(secret)) return null;
    return this.accounts.findValidLink(tx, hashTokenSecret(secret), lock);
  }

  private async issueLink(tx: EntityManager, userId: string, purpose: AccountLinkPurpose, createdBy: string): Promise<IssuedLink> {
    await this.accounts.useUpLinks(tx, userId);
    const { secret, hash } = newLinkSecret();
    const expiresAt = new Date(Date.now() + this.config.get('ACCOUNT_LINK_TTL_HOURS') * HOUR_MS);
    await this.accounts.insertLink(tx, { userId, purpose, tokenHash: hash, createdBy, expiresAt, usedAt: null });
    return { url: setPasswordUrl(this.baseUrl, secret), expiresAt };
  }

  /** With SMTP configured, the link is also mailed to the person (a job added in the link's transaction). */
  private async mailLink(tx: EntityManager, userId: string, link: IssuedLink, purpose: AccountLinkPurpose): Promise<void> {
    if (!this.config.get('SMTP_URL')) return;
    const payload: AccountLinkMail = { userId, url: link.url, expiresAt: link.expiresAt.toISOString(), purpose };
    await this.jobs.enqueueInTransaction(tx, ACCOUNT_LINK_MAIL_TASK, payload, { jobKey: `account-link:${userId}:${link.expiresAt.getTime()}` });
  }

  private async userOrFail(tx: EntityManager, userId: string): Promise<User> {
    if (!isUUID(userId)) throw DomainError.badInput('userId', 'must be a UUID');
    const user = await this.accounts.findUserById(userId, tx);
    if (!user) throw DomainError.notFound('User', userId);
    return user;
  }
}

function passwordMessage(problem: PasswordProblem): string {
  switch (problem) {
    case 'tooShort':
      return 'must be at least 12 characters';
    case 'tooLong':
      return 'must be at most 128 characters';
    case 'common':
      return 'is too common; choose another';
    case 'repetitive':
      return 'is too repetitive or sequential';
    case 'containsEmail':
      return 'must not contain your email address';
  }
}
