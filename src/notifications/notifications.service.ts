import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { ACCOUNT_LINK_MAIL_TASK, type AccountLinkMail } from '../accounts/users.service';
import { AppConfig } from '../config/app-config.service';
import { I18nService } from '../i18n/i18n.service';
import { isLocale } from '../i18n/locales';
import { JobQueue } from '../jobs/job-queue';
import { MailLinks } from './mail-links';
import { Mailer } from './mailer';
import type { Notification } from './notification.entity';
import { NotificationKind, type NotificationEvent, type SubjectType } from './notification-event';
import { composeAccountLinkMail, composeNotificationMail } from './notification-mail';
import { notificationPath } from './notification-message';
import { MailDelivery } from './notification-preference.entity';
import { NotificationsRepository, type SetAudience, type SubjectSet } from './notifications.repository';

/** Where a person changes which mails they get (/account, its mail section). */
export const MAIL_SETTINGS_PATH = '/account#mail';

/** Every kind of notification, in the order people see them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

function isMailDelivery(delivery: string): delivery is MailDelivery {
  return (Object.values(MailDelivery) as string[]).includes(delivery);
}

/** Whether the recipient may turn mail of the kind off: every kind but escalations. */
export function canTurnOff(kind: string): boolean {
  return kind !== String(NotificationKind.ESCALATION);
}

/** The mail choices offered for a kind (escalations: not OFF). */
export function deliveriesFor(kind: string): MailDelivery[] {
  return Object.values(MailDelivery).filter((d) => d !== MailDelivery.OFF || canTurnOff(kind));
}

/** A person's choice for one kind. */
export interface KindPreference {
  kind: NotificationKind;
  delivery: MailDelivery;
  canTurnOff: boolean;
}

/** The person an actor is (preferences are a person's, not a shared token's). */
function personOf(actor: Actor): string {
  if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'notification preferences belong to a signed-in person');
  return actor.userId;
}

/** The job that turns an event into notifications. */
export const DELIVER_TASK = 'notifications.deliver';
/** The job that mails one notification (retried with backoff while the SMTP server refuses). */
export const MAIL_TASK = 'notifications.mail';

/** The most notifications a person's list shows. */
export const NOTIFICATION_LIST_LIMIT = 100;

/**
 * Who is told what, through which channel. Features call `notify(manager, event)` inside the
 * transaction of the write that causes it: that only enqueues a delivery job (one statement), so a
 * rolled-back write tells nobody and a committed one cannot be lost. The job works out the
 * recipients (NotificationsRepository.deliver: the audience, then the rules every delivery applies)
 * and writes one notification each, once per event and person however often it runs.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    private readonly i18n: I18nService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DELIVER_TASK, (payload) => this.deliver(payload as NotificationEvent).then(() => undefined));
    this.jobs.register(MAIL_TASK, (payload) => this.mail((payload as { notificationId: string }).notificationId).then(() => undefined));
    this.jobs.register(ACCOUNT_LINK_MAIL_TASK, (payload) => this.mailAccountLink(payload as AccountLinkMail).then(() => undefined));
  }

  /** Mails an invitation or password link (the job UsersService adds with the link), in the person's language. */
  async mailAccountLink(job: AccountLinkMail): Promise<'sent' | 'skipped'> {
    if (!this.mailer.enabled) return 'skipped';
    const person = await this.repository.person(job.userId);
    if (!person || !person.active || new Date(job.expiresAt) <= new Date()) return 'skipped';
    const translator = this.i18n.translator(isLocale(person.language) ? person.language : this.config.get('DEFAULT_LOCALE'));
    const composed = composeAccountLinkMail(translator, { name: person.displayName, url: job.url, until: new Date(job.expiresAt), purpose: job.purpose });
    await this.mailer.send({
      to: person.email,
      ...composed,
      messageId: `<account-link-${job.userId}-${Date.parse(job.expiresAt)}@${new URL(this.config.publicBaseUrl).hostname}>`,
    });
    return 'sent';
  }

  /** Enqueues the event's delivery in the caller's transaction. */
  notify(manager: EntityManager, event: NotificationEvent): Promise<void> {
    return this.jobs.enqueueInTransaction(manager, DELIVER_TASK, event, { jobKey: `deliver:${event.kind}:${event.occurrence}` });
  }

  /** Writes the event's notifications (the delivery job); returns how many were new. */
  async deliver(event: NotificationEvent): Promise<number> {
    const written = await this.repository.transaction(async (tx) => {
      const rows = await this.repository.deliver(tx, event);
      // With SMTP, each new notification its recipient wants at once gets a mail job of its own,
      // added with the row; DAILY and WEEKLY wait for the digest, OFF stays in the application.
      if (this.mailer.enabled) {
        for (const row of rows) {
          if (row.delivery === MailDelivery.IMMEDIATE) await this.jobs.enqueueInTransaction(tx, MAIL_TASK, { notificationId: row.id }, { jobKey: `mail:${row.id}` });
        }
      }
      return rows;
    });
    if (written.length) this.logger.debug(`${event.kind} ${event.occurrence}: ${written.length} notified`);
    return written.length;
  }

  /**
   * Notifies about many subjects at once in the caller's transaction (the reminder sweep: one
   * statement per rule, however many subjects), with the rules and once-only dedupe of `deliver`;
   * with SMTP each new notification's mail job is added by that statement. How many were new.
   */
  notifySet(
    tx: EntityManager,
    set: SubjectSet,
    event: { kind: NotificationKind; subjectType: SubjectType; rule: string; day: string; audience: SetAudience },
  ): Promise<number> {
    return this.repository.deliverSet(tx, set, event, this.mailer.enabled ? MAIL_TASK : null);
  }

  /**
   * Mails one notification (the mail job): at most once per notification (`mailed_at`, under the
   * row's lock), only to an active recipient who wants this kind at once, in their language.
   * 'sent' | 'skipped'; throws when the SMTP server refuses (the job is retried).
   */
  async mail(notificationId: string): Promise<'sent' | 'skipped'> {
    if (!this.mailer.enabled) return 'skipped';
    return this.repository.transaction(async (tx) => {
      const found = await this.repository.lockForMail(tx, notificationId);
      if (!found || found.notification.mailedAt || !found.active || found.delivery !== MailDelivery.IMMEDIATE) return 'skipped';
      const { notification } = found;
      const translator = this.i18n.translator(isLocale(found.language) ? found.language : this.config.get('DEFAULT_LOCALE'));
      const base = this.config.publicBaseUrl;
      // Escalations cannot be turned off by their recipient: no unsubscribe link for them.
      const unsubscribe = canTurnOff(notification.kind)
        ? `${base}/notifications/unsubscribe/${await this.links.unsubscribeToken({ userId: notification.recipientId, kind: notification.kind })}`
        : null;
      const composed = composeNotificationMail(translator, notification, {
        open: `${base}${notificationPath(notification)}?lang=${translator.locale}`,
        unsubscribe,
        settings: `${base}${MAIL_SETTINGS_PATH}`,
      });
      await this.mailer.send({
        to: found.email,
        ...composed,
        messageId: `<notification-${notification.id}@${new URL(base).hostname}>`,
        headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
      });
      await this.repository.markMailed(tx, notification.id);
      return 'sent';
    });
  }

  /** Turns mail of one kind off for the person named by a signed unsubscribe token; the kind, or null for a bad token. */
  async unsubscribe(token: string): Promise<string | null> {
    const kind = await this.unsubscribeKind(token);
    if (!kind) return null;
    const target = (await this.links.checkUnsubscribeToken(token))!;
    // OFF (if it is not already: a second POST changes nothing); null when the person is gone.
    return (await this.repository.setMailDelivery(target.userId, kind, MailDelivery.OFF)) === null ? null : kind;
  }

  /** The kind a signed unsubscribe token names (for the confirmation page), or null (also for kinds that cannot be turned off). */
  async unsubscribeKind(token: string): Promise<string | null> {
    const kind = (await this.links.checkUnsubscribeToken(token))?.kind ?? null;
    return kind !== null && isNotificationKind(kind) && canTurnOff(kind) ? kind : null;
  }

  /** The person's mail choice for every kind of notification (IMMEDIATE where they chose nothing). */
  async preferences(actor: Actor): Promise<KindPreference[]> {
    const chosen = await this.repository.mailDeliveries(personOf(actor));
    return NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? MailDelivery.IMMEDIATE, canTurnOff: canTurnOff(kind) }));
  }

  /**
   * Sets the person's mail choices (one kind or several, in one transaction, audited once); every
   * choice is checked before anything is written: an unknown kind, or OFF for escalations, is
   * BAD_USER_INPUT and changes nothing. The choices for every kind afterwards.
   */
  async setPreferences(actor: Actor, choices: { kind: string; delivery: string }[]): Promise<KindPreference[]> {
    const userId = personOf(actor);
    for (const { kind, delivery } of choices) {
      if (!isNotificationKind(kind)) throw DomainError.badInput('kind', `"${kind}" is not a kind of notification`, { reason: 'unknownKind', kind });
      if (!isMailDelivery(delivery)) throw DomainError.badInput('delivery', `"${delivery}" is not a mail delivery`, { reason: 'unknownDelivery', kind });
      if (delivery === MailDelivery.OFF && !canTurnOff(kind)) {
        throw DomainError.badInput('delivery', 'escalations cannot be turned off', { reason: 'cannotTurnOff', kind });
      }
    }
    await this.repository.transaction(async (tx) => {
      const before: Record<string, string> = {};
      const after: Record<string, string> = {};
      for (const { kind, delivery } of choices) {
        const was = await this.repository.setMailDelivery(userId, kind, delivery as MailDelivery, tx);
        if (was === null) throw new DomainError(ErrorCode.FORBIDDEN, 'notification preferences belong to a signed-in person');
        if (String(was) !== delivery) {
          before[kind] = was;
          after[kind] = delivery;
        }
      }
      if (Object.keys(after).length) {
        await this.audit.record(tx, { actor, action: 'notificationPreference.set', entityType: 'NotificationPreference', entityId: userId, before, after });
      }
    });
    return this.preferences(actor);
  }

  list(userId: string, limit = NOTIFICATION_LIST_LIMIT): Promise<Notification[]> {
    return this.repository.listFor(userId, limit);
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  markRead(userId: string, id: string): Promise<boolean> {
    return this.repository.markRead(userId, id);
  }

  markAllRead(userId: string): Promise<number> {
    return this.repository.markAllRead(userId);
  }
}
