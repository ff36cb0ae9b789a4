import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config.service';
import { ContentLocaleService } from '../i18n/content-locales';
import { I18nService, Translator } from '../i18n/i18n.service';
import { isLocale, Locale } from '../i18n/locales';
import { translatedText } from '../i18n/translations';
import { JobQueue } from '../jobs/job-queue';
import { MailLinks } from '../notifications/mail-links';
import { Mailer } from '../notifications/mailer';
import { PublicEvent, PublicEventType } from '../public-events/public-event';
import { PublicEventsService } from '../public-events/public-events.service';
import { composeChangeMail, composeConfirmationMail, FollowedChange } from './follow-mail';
import { FollowedRecord, FollowTarget } from './follow-target';
import { FollowsRepository } from './follows.repository';

/** The job that mails one confirmation link (double opt-in). */
export const CONFIRMATION_MAIL_TASK = 'follows.confirmation-mail';
/** The job that mails one follower about one event. */
export const CHANGE_MAIL_TASK = 'follows.change-mail';
/** The daily clean-up of unconfirmed follows and of the per-address counts. */
export const CLEAN_UP_TASK = 'follows.clean-up';

const CONFIRM_PURPOSE = 'follow-confirm';
const UNSUBSCRIBE_PURPOSE = 'follow-unsubscribe';
const ADDRESS_PURPOSE = 'follow-address';
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** What a follow request comes with: the address as typed, the record, the page's language, the client's IP. */
export interface FollowRequest {
  email: string;
  target: FollowTarget;
  language: Locale;
  clientIp: string;
}

/** A confirm or unsubscribe link's follow and the record it names (null: a bad or spent link). */
export interface FollowLink {
  record: FollowedRecord;
  confirmed: boolean;
}

/**
 * Trimmed, the domain lower-cased (domains are case-insensitive; the local part is the mailbox's to
 * read, RFC 5321, so it stays as typed).
 */
export function normaliseAddress(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * Following a public record by e-mail, without an account: a request mails a confirmation link
 * (double opt-in, limited per IP and per address, always the same answer to the asker); a confirmed
 * follower gets one mail per public event of the record (the 'follows' consumer of public events);
 * every mail can end the follow in one click, which deletes the address. Addresses appear in no
 * log, audit entry or export: logs name follows by id.
 */
/**
 * What followers are told: what the public pages show changed. A submitted value is not among them
 * (its figure waits for review; followers hear of it once approved).
 */
export const FOLLOWED_EVENT_TYPES: readonly PublicEventType[] = [
  PublicEventType.RECOMMENDATION_TRANSITIONED,
  PublicEventType.INDICATOR_VALUE_APPROVED,
  PublicEventType.ASSESSMENT_PUBLISHED,
];

@Injectable()
export class FollowsService implements OnModuleInit {
  private readonly logger = new Logger('Follows');

  constructor(
    private readonly repository: FollowsRepository,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    private readonly publicEvents: PublicEventsService,
    private readonly i18n: I18nService,
    private readonly contentLocales: ContentLocaleService,
    private readonly config: AppConfig,
    @InjectThrottlerStorage() private readonly throttler: ThrottlerStorage,
  ) {}

  onModuleInit(): void {
    // A dispatch job only for what followers are told, while someone confirmed a follow (and mail can be sent at all).
    this.publicEvents.registerConsumer('follows', (event) => this.consume(event).then(() => undefined), {
      interest: this.enabled
        ? `event.type::text = ANY('{${FOLLOWED_EVENT_TYPES.join(',')}}'::text[]) AND EXISTS (SELECT 1 FROM follow WHERE confirmed_at IS NOT NULL)`
        : 'false',
    });
    this.jobs.register(CONFIRMATION_MAIL_TASK, (payload) => this.mailConfirmation((payload as { followId: string }).followId).then(() => undefined));
    this.jobs.register(CHANGE_MAIL_TASK, (payload) => {
      const { followId, eventId } = payload as { followId: string; eventId: string };
      return this.mailChange(followId, eventId).then(() => undefined);
    });
    this.jobs.register(CLEAN_UP_TASK, () => this.cleanUp().then(() => undefined));
    this.jobs.schedule({ task: CLEAN_UP_TASK, pattern: '40 2 * * *' });
  }

  /** Following is offered only where mail can be sent (SMTP_URL). */
  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /**
   * A request to follow. Without SMTP: NOT_FOUND (reason `follow-off`), nothing exists to ask for.
   * An unknown record: NOT_FOUND (records are public). Otherwise the answer is the same whatever
   * happens (mailed, already following, over a limit), so it tells nobody who follows what; what
   * happened is returned for tests and logs only ('mailed' | 'following' | 'limited').
   */
  async request(request: FollowRequest): Promise<'mailed' | 'following' | 'limited'> {
    if (!this.enabled) throw new DomainError(ErrorCode.NOT_FOUND, 'following by e-mail is off (no SMTP_URL)', { reason: 'follow-off' });
    if (await this.overIpLimit(request.clientIp)) {
      this.logger.warn('follow request refused: over FOLLOW_REQUESTS_PER_IP_PER_HOUR for its IP address');
      return 'limited';
    }
    const email = normaliseAddress(request.email);
    const addressHash = await this.links.keyedHash(ADDRESS_PURPOSE, email.toLowerCase());
    const limit = this.config.get('FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY');
    const outcome = await this.repository.transaction(async (tx) => {
      const follow = await this.repository.findOrCreate(tx, email, request.target, request.language);
      if (!follow) throw DomainError.notFound('Record', Object.values(request.target)[0]);
      if (follow.confirmedAt) return { result: 'following' as const, followId: follow.id };
      if ((await this.repository.confirmationsSince(tx, addressHash, new Date(Date.now() - DAY_MS))) >= limit) return { result: 'limited' as const, followId: follow.id };
      await this.repository.confirmationSent(tx, follow.id, addressHash, request.language);
      await this.jobs.enqueueInTransaction(tx, CONFIRMATION_MAIL_TASK, { followId: follow.id }, { jobKey: `follow-confirm:${follow.id}` });
      return { result: 'mailed' as const, followId: follow.id };
    });
    if (outcome.result === 'limited') this.logger.warn(`follow ${outcome.followId}: no confirmation mail, its address is over FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY`);
    return outcome.result;
  }

  /** The follow a confirm link names, for its page (GET: shows a button, confirms nothing). */
  async confirmLink(token: string): Promise<FollowLink | null> {
    const id = await this.links.checkRecordToken(CONFIRM_PURPOSE, token);
    const follow = id ? await this.repository.find(id) : null;
    if (!follow || (!follow.confirmedAt && follow.pendingSince < this.pendingAfter())) return null;
    const record = await this.repository.followedRecord(follow.id);
    return record ? { record, confirmed: follow.confirmedAt !== null } : null;
  }

  /** Confirms the follow a confirm link names (the page's POST); null for a bad or expired link. */
  async confirm(token: string): Promise<FollowLink | null> {
    const id = await this.links.checkRecordToken(CONFIRM_PURPOSE, token);
    if (!id || !(await this.repository.confirm(id, this.pendingAfter()))) return null;
    const record = await this.repository.followedRecord(id);
    if (record) this.logger.log(`follow ${id} confirmed`);
    return record ? { record, confirmed: true } : null;
  }

  /** The follow an unsubscribe link names, for its page; null when it is gone (already unsubscribed). */
  async unsubscribeLink(token: string): Promise<FollowLink | null> {
    const id = await this.links.checkRecordToken(UNSUBSCRIBE_PURPOSE, token);
    const follow = id ? await this.repository.find(id) : null;
    const record = follow ? await this.repository.followedRecord(follow.id) : null;
    return follow && record ? { record, confirmed: follow.confirmedAt !== null } : null;
  }

  /** Deletes the follow (and so the address) an unsubscribe link names: the page's button and the one-click POST. */
  async unsubscribe(token: string): Promise<boolean> {
    const id = await this.links.checkRecordToken(UNSUBSCRIBE_PURPOSE, token);
    const deleted = id ? await this.repository.delete(id) : false;
    if (deleted) this.logger.log(`follow ${id} ended by its unsubscribe link`);
    return deleted;
  }

  /** The record's name in a sentence, in the language of a page or mail. */
  recordName(translator: Translator, record: FollowedRecord): string {
    if (record.kind === 'organisation') {
      return translator.t('follow.record.organisation', { name: translatedText(record.name, this.contentLocales.chains[translator.locale]) ?? '' });
    }
    return translator.t(record.kind === 'recommendation' ? 'follow.record.recommendation' : 'follow.record.indicator', { code: record.code ?? '' });
  }

  /**
   * The 'follows' consumer of public events: the event's new confirmed followers are claimed and
   * each gets a mail job, in one transaction; what was claimed before is not claimed again.
   */
  async consume(event: PublicEvent): Promise<number> {
    if (!this.enabled || !FOLLOWED_EVENT_TYPES.includes(event.type)) return 0;
    const claimed = await this.repository.transaction(async (tx) => {
      const followIds = await this.repository.claimFollowers(tx, event);
      for (const followId of followIds) {
        await this.jobs.enqueueInTransaction(tx, CHANGE_MAIL_TASK, { followId, eventId: event.id }, { jobKey: `follow-change:${followId}:${event.id}` });
      }
      return followIds.length;
    });
    if (claimed) this.logger.debug(`${event.type} ${event.id}: ${claimed} followers to mail`);
    return claimed;
  }

  /** The confirmation mail job; 'skipped' when the follow is gone or already confirmed. */
  async mailConfirmation(followId: string): Promise<'sent' | 'skipped'> {
    if (!this.enabled) return 'skipped';
    const follow = await this.repository.find(followId);
    const record = follow && !follow.confirmedAt ? await this.repository.followedRecord(followId) : null;
    if (!follow || !record) return 'skipped';
    const translator = this.translatorFor(follow.language);
    const base = this.config.publicBaseUrl;
    const confirmUrl = `${base}/follow/confirm/${await this.links.recordToken(CONFIRM_PURPOSE, follow.id)}?lang=${translator.locale}`;
    const mail = composeConfirmationMail(translator, { record: this.recordName(translator, record), confirmUrl, days: this.config.get('FOLLOW_CONFIRM_DAYS') });
    await this.mailer.send({ to: follow.email, ...mail, messageId: `<follow-confirm-${follow.id}-${follow.pendingSince.getTime()}@${new URL(base).hostname}>` });
    return 'sent';
  }

  /** A follower's mail about one event; 'skipped' when the follow or the event is gone. */
  async mailChange(followId: string, eventId: string): Promise<'sent' | 'skipped'> {
    if (!this.enabled) return 'skipped';
    const [follow, event, record] = await Promise.all([this.repository.find(followId), this.publicEvents.find(eventId), this.repository.followedRecord(followId)]);
    if (!follow || !follow.confirmedAt || !event || !record) return 'skipped';
    const facts = await this.repository.eventFacts(event);
    if (!facts) return 'skipped';
    const translator = this.translatorFor(follow.language);
    const base = this.config.publicBaseUrl;
    const change: FollowedChange = {
      type: event.type,
      code: facts.code,
      status: typeof event.data.to === 'string' ? event.data.to : null,
      value: typeof event.data.value === 'number' ? event.data.value : null,
      period: facts.period,
    };
    const page = event.type === PublicEventType.INDICATOR_VALUE_APPROVED
      ? `/indicators/${encodeURIComponent(facts.code)}?plan=${encodeURIComponent(facts.planCode ?? '')}&lang=${translator.locale}`
      : `/recommendations/${encodeURIComponent(facts.code)}?lang=${translator.locale}`;
    const unsubscribeUrl = `${base}/follow/unsubscribe/${await this.links.recordToken(UNSUBSCRIBE_PURPOSE, follow.id)}`;
    const mail = composeChangeMail(translator, { change, record: this.recordName(translator, record), openUrl: `${base}${page}`, unsubscribeUrl });
    await this.mailer.send({
      to: follow.email,
      ...mail,
      messageId: `<follow-${follow.id}-${event.id}@${new URL(base).hostname}>`,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return 'sent';
  }

  /** The daily clean-up: unconfirmed follows past FOLLOW_CONFIRM_DAYS (their addresses with them), day-old counts. */
  async cleanUp(): Promise<{ follows: number; confirmations: number }> {
    const deleted = await this.repository.deleteExpired(this.pendingAfter(), new Date(Date.now() - DAY_MS));
    if (deleted.follows || deleted.confirmations) this.logger.log(`deleted ${deleted.follows} unconfirmed follows and ${deleted.confirmations} day-old confirmation counts`);
    return deleted;
  }

  /** Confirmation links sent before this moment have expired. */
  private pendingAfter(): Date {
    return new Date(Date.now() - this.config.get('FOLLOW_CONFIRM_DAYS') * DAY_MS);
  }

  private translatorFor(language: string): Translator {
    return this.i18n.translator(isLocale(language) ? language : this.config.get('DEFAULT_LOCALE'));
  }

  /** One more request from this IP within the hour; true when it is over FOLLOW_REQUESTS_PER_IP_PER_HOUR (the app's throttler storage: shared through Redis when configured). */
  private async overIpLimit(clientIp: string): Promise<boolean> {
    const limit = this.config.get('FOLLOW_REQUESTS_PER_IP_PER_HOUR');
    const key = createHash('sha256').update(`follow:ip:${clientIp}`).digest('hex');
    const record = await this.throttler.increment(key, HOUR_MS, limit, HOUR_MS, 'follow');
    return record.isBlocked || record.totalHits > limit;
  }
}
