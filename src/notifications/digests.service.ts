import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { startOfNextDay } from '../common/start-of-next-day';
import { AppConfig } from '../config/app-config.service';
import { I18nService } from '../i18n/i18n.service';
import { isLocale } from '../i18n/locales';
import { JobQueue } from '../jobs/job-queue';
import { Mailer } from './mailer';
import { DigestCadence } from './notification-digest.entity';
import { composeDigestMail } from './notification-mail';
import { notificationPath } from './notification-message';
import { NotificationsRepository } from './notifications.repository';
import { MAIL_SETTINGS_PATH } from './notifications.service';

/** The job that makes the period's digests (hourly; does its work from DIGEST_HOUR on). */
export const DIGEST_RUN_TASK = 'notifications.digests';
/** The job that mails one digest (retried with backoff while the SMTP server refuses). */
export const DIGEST_MAIL_TASK = 'notifications.digest-mail';

/** The most notifications a digest mail lists one by one (the rest: a count and a link). */
export const DIGEST_LINES_MAX = 50;

/**
 * How far back a digest looks: twice its period, so a day (or week) without a run, an outage,
 * loses nothing, while a person who turns digests on is not sent months of old notifications.
 */
const LOOK_BACK_DAYS: Record<DigestCadence, number> = { [DigestCadence.DAILY]: 2, [DigestCadence.WEEKLY]: 14 };

/** What one digest run made, per cadence. */
export type DigestRunResult = Partial<Record<DigestCadence, { digests: number; listed: number }>>;

/** The hour of the day (0–23) at `now` in `timeZone`. */
function localHour(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** The day before a calendar day (YYYY-MM-DD). */
function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Whether a calendar day (YYYY-MM-DD) is a Monday. */
function isMonday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
}

/**
 * Daily and weekly digests of notifications, for the kinds people chose DAILY or WEEKLY for.
 *
 * graphile-worker's crontab is in UTC, so the run is hourly and, from DIGEST_HOUR in APP_TIMEZONE
 * on, makes that local day's daily digests (and on Mondays the week's): each lists the person's
 * notifications of those kinds created before DIGEST_HOUR that day and in no digest yet. One
 * statement per cadence makes every digest, points its notifications to it and enqueues its mail
 * job, in one transaction; a digest is unique per person, cadence and period, so the day's later
 * runs, other instances and restarts make none again. The mail job sends it once (`mailed_at`,
 * under the digest's lock); a run or mail job killed midway is rolled back and done again.
 */
@Injectable()
export class DigestsService implements OnModuleInit {
  private readonly logger = new Logger('Digests');

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DIGEST_RUN_TASK, async () => {
      if (localHour(this.clock.now(), this.config.get('APP_TIMEZONE')) < this.config.get('DIGEST_HOUR')) return;
      await this.run();
    });
    this.jobs.register(DIGEST_MAIL_TASK, (payload) => this.mail((payload as { digestId: string }).digestId).then(() => undefined));
    this.jobs.schedule({ task: DIGEST_RUN_TASK, pattern: '0 * * * *' });
  }

  /**
   * Makes today's digests (today by the Clock, in APP_TIMEZONE): the daily ones, and on Mondays
   * the weekly ones, with their mail jobs. Nothing without SMTP (the application lists everything).
   */
  async run(): Promise<DigestRunResult> {
    if (!this.mailer.enabled) return {};
    const today = this.clock.today();
    const timeZone = this.config.get('APP_TIMEZONE');
    // DIGEST_HOUR on today's local clock: what came before it is in today's digest.
    const until = new Date(startOfNextDay(dayBefore(today), timeZone).getTime() + this.config.get('DIGEST_HOUR') * 3_600_000);
    const cadences = isMonday(today) ? [DigestCadence.DAILY, DigestCadence.WEEKLY] : [DigestCadence.DAILY];
    const result: DigestRunResult = {};
    await this.repository.transaction(async (tx) => {
      for (const cadence of cadences) {
        const from = new Date(until.getTime() - LOOK_BACK_DAYS[cadence] * 86_400_000);
        result[cadence] = await this.repository.makeDigests(tx, { cadence, periodStart: today, from, until }, DIGEST_MAIL_TASK);
      }
    });
    const made = Object.values(result).reduce((n, r) => n + r.digests, 0);
    if (made) this.logger.log(`digests of ${today}: ${JSON.stringify(result)}`);
    return result;
  }

  /**
   * Mails one digest (its job): at most once (`mailed_at`, under the digest's lock), only to an
   * active person, in their language. 'sent' | 'skipped'; throws when the SMTP server refuses.
   */
  async mail(digestId: string): Promise<'sent' | 'skipped'> {
    if (!this.mailer.enabled) return 'skipped';
    return this.repository.transaction(async (tx) => {
      const digest = await this.repository.lockDigest(tx, digestId);
      if (!digest || digest.mailedAt || !digest.active) return 'skipped';
      const { items, total } = await this.repository.digestItems(tx, digest.id, DIGEST_LINES_MAX);
      if (total === 0) return 'skipped';
      const translator = this.i18n.translator(isLocale(digest.language) ? digest.language : this.config.get('DEFAULT_LOCALE'));
      const base = this.config.publicBaseUrl;
      const lang = `?lang=${translator.locale}`;
      const composed = composeDigestMail(
        translator,
        { cadence: digest.cadence, total, lines: items.map((n) => ({ notification: n, open: `${base}${notificationPath(n)}${lang}` })) },
        { all: `${base}/work/notifications${lang}`, settings: `${base}${MAIL_SETTINGS_PATH}` },
      );
      await this.mailer.send({ to: digest.email, ...composed, messageId: `<digest-${digest.id}@${new URL(base).hostname}>` });
      await this.repository.markDigestMailed(tx, digest.id);
      return 'sent';
    });
  }
}
