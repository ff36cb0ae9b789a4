import { Injectable } from '@nestjs/common';
import { createEvents, type EventAttributes } from 'ics';
import { addDays } from '../action-plan/progress-cut';
import type { Actor } from '../auth/actor';
import { generateTokenSecret, hashTokenSecret } from '../auth/token-secret';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { startOfNextDay } from '../common/start-of-next-day';
import { AppConfig } from '../config/app-config.service';
import { ContentLocaleService } from '../i18n/content-locales';
import { I18nService } from '../i18n/i18n.service';
import { isLocale } from '../i18n/locales';
import { translatedText } from '../i18n/translations';
import { CalendarRepository, type Deadline } from './calendar.repository';

/** How far ahead a feed lists deadlines (days). */
export const CALENDAR_DAYS_AHEAD = 366;

/** Before any plan or recommendation: where the late deadlines are looked for from. */
const EARLIEST_DEADLINE = '2000-01-01';

/** `YYYY-MM-DD` as the date array `ics` takes (an all-day event). */
function dateArray(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}

/**
 * A person's calendar feed (`/calendar/{secret}.ics`): their upcoming deadlines (their
 * organisation's, or all for people of none) as all-day events in their language. The secret is
 * shown once when made; only its hash is kept; a new one replaces the old, revoking removes it.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repository: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly i18n: I18nService,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /** Makes (or replaces) the signed-in person's feed; the feed's address, to be shown once. */
  async create(actor: Actor): Promise<string> {
    const userId = this.personOf(actor);
    const secret = generateTokenSecret();
    await this.repository.transaction(async (tx) => {
      const replaced = await this.repository.replace(tx, userId, hashTokenSecret(secret));
      await this.audit.record(tx, { actor, action: 'calendarFeed.create', entityType: 'CalendarFeed', entityId: userId, before: replaced ? { exists: true } : null, after: { exists: true } });
    });
    return `${this.config.publicBaseUrl}/calendar/${secret}.ics`;
  }

  /** Revokes the signed-in person's feed (its address stops working); whether there was one. */
  async revoke(actor: Actor): Promise<boolean> {
    const userId = this.personOf(actor);
    return this.repository.transaction(async (tx) => {
      const removed = await this.repository.remove(tx, userId);
      if (removed) await this.audit.record(tx, { actor, action: 'calendarFeed.revoke', entityType: 'CalendarFeed', entityId: userId, before: { exists: true }, after: null });
      return removed;
    });
  }

  /** Whether the person has a feed. */
  has(userId: string): Promise<boolean> {
    return this.repository.exists(userId);
  }

  /**
   * The deadlines of the feeds and of /work (one source): the organisation's (all for null), by
   * date, at most `limit` of each: `upcoming` from today to today + `daysAhead`, and `late` (before
   * today, still open or not reported).
   */
  async worklist(organizationId: string | null, daysAhead: number, limit: number): Promise<{ upcoming: Deadline[]; late: Deadline[] }> {
    const today = this.clock.today();
    const timeZone = this.config.get('APP_TIMEZONE');
    const todayEnd = startOfNextDay(today, timeZone);
    const [upcoming, late] = await Promise.all([
      this.repository.deadlines(organizationId, today, addDays(today, daysAhead), todayEnd, timeZone, limit),
      this.repository.deadlines(organizationId, EARLIEST_DEADLINE, addDays(today, -1), todayEnd, timeZone, limit),
    ]);
    return { upcoming, late };
  }

  /** The feed of a secret as iCalendar text, or null for an unknown or revoked secret (or a deactivated person). */
  async feed(secret: string): Promise<string | null> {
    if (!/^rtt_[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    const owner = await this.repository.owner(hashTokenSecret(secret));
    if (!owner) return null;
    const locale = isLocale(owner.language) ? owner.language : this.config.get('DEFAULT_LOCALE');
    const { t } = this.i18n.translator(locale);
    const chain = this.contentLocales.chain(locale);
    const timeZone = this.config.get('APP_TIMEZONE');
    const today = this.clock.today();
    const deadlines = await this.repository.deadlines(owner.organizationId, today, addDays(today, CALENDAR_DAYS_AHEAD), startOfNextDay(today, timeZone), timeZone);
    const base = this.config.publicBaseUrl;
    const host = new URL(base).hostname;
    const events: EventAttributes[] = deadlines.map((d: Deadline) => ({
      uid: d.type === 'Recommendation' ? `recommendation-${d.id}@${host}` : `indicator-${d.id}-${d.period ?? ''}@${host}`,
      start: dateArray(d.dueOn),
      end: dateArray(addDays(d.dueOn, 1)),
      title:
        d.type === 'Recommendation'
          ? t('calendar.event.recommendation', { code: d.code, title: translatedText(d.title, chain) ?? '' })
          : t('calendar.event.indicator', { indicator: d.code, period: d.period ?? '' }),
      url: `${base}${d.type === 'Recommendation' ? `/work/recommendations/${d.id}` : `/work/indicators/${d.id}`}?lang=${locale}`,
      productId: 'roundtable-recommendations-tracker',
      calName: t('calendar.name'),
    }));
    const { error, value } = createEvents(events, { productId: 'roundtable-recommendations-tracker', calName: t('calendar.name') });
    if (error || value === undefined) throw error ?? new Error('the calendar could not be written');
    return value;
  }

  private personOf(actor: Actor): string {
    if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'a calendar feed belongs to a signed-in person');
    return actor.userId;
  }
}
