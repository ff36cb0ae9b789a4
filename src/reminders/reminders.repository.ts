import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '../database/sql/params';
import type { SubjectSet } from '../notifications/notifications.repository';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { expectedSql, factsSql } from '../reporting-completeness/reporting-completeness.repository';

/**
 * Which items a reminder rule picks on a day, as `SubjectSet`s (one SQL per rule, however many
 * items): `dates` are the due dates reminded of ahead (today and today + each of
 * REMINDER_DAYS_BEFORE); late items are those whose due date lies a whole number of weeks
 * before today; escalated ones exactly ESCALATION_AFTER_DAYS before it.
 */
export type DueRule =
  | { rule: 'due'; today: string; dates: string[] }
  | { rule: 'late'; today: string }
  | { rule: 'escalation'; today: string; daysLate: number };

/** The condition on a due date (`column`) for a rule (`today`: the placeholder of its day), with its parameters in `p`. */
function dueCondition(column: string, rule: DueRule, today: string, p: SqlParams): string {
  switch (rule.rule) {
    case 'due':
      return `${column} = ANY (${p.add(rule.dates, 'date[]')})`;
    case 'late':
      return `${column} < ${today} AND (${today} - ${column}) % 7 = 0`;
    case 'escalation':
      return `${column} = ${today} - ${p.add(rule.daysLate, 'int')}`;
  }
}

/** The SQL of what reminders are about; the notifications themselves are written by NotificationsService.notifySet. */
@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Open recommendations (not IMPLEMENTED or REJECTED) whose due date the rule picks. */
  recommendations(rule: DueRule): SubjectSet {
    const p = new SqlParams();
    const today = p.add(rule.today, 'date');
    const sql = `
      SELECT r.id AS subject_id, r.id::text AS item_key,
             ARRAY(SELECT ro.organization_id FROM recommendation_organization ro WHERE ro.recommendation_id = r.id) AS organization_ids,
             r.responsible_user_id,
             jsonb_build_object('code', r.code, 'dueOn', to_char(r.due_date, 'YYYY-MM-DD'), 'days', abs(r.due_date - ${today})) AS payload
        FROM recommendation r
       WHERE ${dueCondition('r.due_date', rule, today, p)}
         AND r.status <> ALL (${p.add([...CLOSED_STATUSES], 'recommendation_status[]')})`;
    return { sql, params: p };
  }

  /**
   * Indicator periods expected of a responsible organisation (the reporting-completeness rule:
   * the period's last day plus the plan's reporting lag) whose deadline the rule picks and of
   * which no version was submitted by the end of today (in `timeZone`).
   */
  indicatorPeriods(rule: DueRule, todayEnd: Date, timeZone: string): SubjectSet {
    const p = new SqlParams();
    const today = p.add(rule.today, 'date');
    // The years whose periods can fall due on a picked day: from the first plan's to the latest picked date's.
    const lastDay = rule.rule === 'due' ? p.add(rule.dates, 'date[]') : `ARRAY[${today}]`;
    const facts = factsSql(expectedSql('y.year'), today, p.add(todayEnd, 'timestamptz'), p.add(timeZone, 'text'));
    const sql = `
      SELECT f.indicator_id AS subject_id, f.indicator_id::text || '/' || f.period AS item_key,
             ARRAY[f.organization_id] AS organization_ids,
             (SELECT ind.responsible_user_id FROM indicator ind WHERE ind.id = f.indicator_id) AS responsible_user_id,
             jsonb_build_object('indicatorId', f.indicator_id, 'indicatorCode', f.indicator_code, 'period', f.period,
                                'dueOn', to_char(f.due_on, 'YYYY-MM-DD'), 'days', abs(f.due_on - ${today})) AS payload
        FROM generate_series((SELECT min(start_year) FROM action_plan),
                             (SELECT extract(year FROM max(d))::int FROM unnest(${lastDay}) AS d)) AS y(year)
        CROSS JOIN LATERAL ${facts} f
       WHERE f.first_submitted_on IS NULL AND ${dueCondition('f.due_on', rule, today, p)}`;
    return { sql, params: p };
  }
}
