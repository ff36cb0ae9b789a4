import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { addDays } from '../action-plan/progress-cut';
import { Clock } from '../common/clock';
import { startOfNextDay } from '../common/start-of-next-day';
import { AppConfig } from '../config/app-config.service';
import { DutyCyclePacer } from '../jobs/duty-cycle-pacer';
import { JobQueue } from '../jobs/job-queue';
import { NotificationKind, type SubjectType } from '../notifications/notification-event';
import type { SetAudience, SubjectSet } from '../notifications/notifications.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { RemindersRepository, type DueRule } from './reminders.repository';

/** The job of the daily reminder sweep. */
export const SWEEP_TASK = 'reminders.sweep';

/** How many notifications one sweep wrote, per rule (`recommendation.due`, `indicator.late`, …). */
export type SweepResult = Record<string, number>;

/** REMINDER_DAYS_BEFORE as distinct whole days, largest first (0, the day itself, is always reminded). */
export function reminderDays(setting: string): number[] {
  const days = setting
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d > 0);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** The hour of the day (0–23) at `now` in `timeZone`. */
function localHour(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/**
 * The daily reminder sweep. graphile-worker's crontab is in UTC, so the job runs hourly and, from
 * REMINDER_HOUR in APP_TIMEZONE on, sends that local day's reminders: every rule is one statement
 * over all items, committed on its own and followed by a pause (REMINDER_SWEEP_BUSY_PERCENT) so that
 * the sweep does not take the API's share of the machine, and each notification's occurrence
 * (`rule:item:day`) makes the rest of the day's runs, other instances and restarts write nothing new.
 *
 * - REMINDER_DUE to the people responsible: REMINDER_DAYS_BEFORE days before a due date, and on it;
 * - REMINDER_LATE to them each week while it is late;
 * - ESCALATION to the focal points of its organisations and the secretariat (ADMIN, EDITOR) once,
 *   ESCALATION_AFTER_DAYS days after it.
 *
 * "The people responsible" are the item's active officer, else its organisations' focal points,
 * else their MINISTRY users (src/notifications/recipients.sql.ts).
 *
 * Items: open recommendations (not IMPLEMENTED or REJECTED) with a due date, and the periods an
 * indicator's responsible organisation must report on, due their last day plus the plan's
 * reporting lag, of which no value was submitted.
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly repository: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SWEEP_TASK, async () => {
      const timeZone = this.config.get('APP_TIMEZONE');
      if (localHour(this.clock.now(), timeZone) < this.config.get('REMINDER_HOUR')) return;
      await this.sweep();
    });
    this.jobs.schedule({ task: SWEEP_TASK, pattern: '0 * * * *' });
  }

  /**
   * Sends today's reminders (today by the Clock, in APP_TIMEZONE): one statement per rule and kind of
   * item, each in its own transaction, with pauses between them (REMINDER_SWEEP_BUSY_PERCENT); how
   * many were new, per rule.
   */
  async sweep(): Promise<SweepResult> {
    const today = this.clock.today();
    const timeZone = this.config.get('APP_TIMEZONE');
    const todayEnd = startOfNextDay(today, timeZone);
    const dates = [today, ...reminderDays(this.config.get('REMINDER_DAYS_BEFORE')).map((d) => addDays(today, d))];
    const rules: { rule: DueRule; kind: NotificationKind; audience: SetAudience }[] = [
      { rule: { rule: 'due', today, dates }, kind: NotificationKind.REMINDER_DUE, audience: 'RESPONSIBLE' },
      { rule: { rule: 'late', today }, kind: NotificationKind.REMINDER_LATE, audience: 'RESPONSIBLE' },
      { rule: { rule: 'escalation', today, daysLate: this.config.get('ESCALATION_AFTER_DAYS') }, kind: NotificationKind.ESCALATION, audience: 'ESCALATION' },
    ];
    const subjects: { name: string; subjectType: SubjectType; set: (rule: DueRule) => SubjectSet }[] = [
      { name: 'recommendation', subjectType: 'Recommendation', set: (rule) => this.repository.recommendations(rule) },
      { name: 'indicator', subjectType: 'Indicator', set: (rule) => this.repository.indicatorPeriods(rule, todayEnd, timeZone) },
    ];
    const result: SweepResult = {};
    // Each rule's statement commits on its own (its occurrences make a re-run write nothing twice, so a
    // sweep cut short is finished by the next hour's), paced so that the API keeps its throughput.
    const pacer = new DutyCyclePacer(this.config.get('REMINDER_SWEEP_BUSY_PERCENT'));
    const steps = subjects.flatMap((subject) => rules.map((r) => ({ subject, ...r })));
    for (const [index, { subject, rule, kind, audience }] of steps.entries()) {
      const name = `${subject.name}.${rule.rule}`;
      result[name] = await pacer.step(
        () =>
          this.repository.transaction((tx) =>
            this.notifications.notifySet(tx, subject.set(rule), { kind, subjectType: subject.subjectType, rule: name, day: today, audience }),
          ),
        { last: index === steps.length - 1 },
      );
    }
    const total = Object.values(result).reduce((a, b) => a + b, 0);
    if (total) this.logger.log(`reminders of ${today}: ${total} notified (${JSON.stringify(result)})`);
    return result;
  }
}
