import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOSED_STATUSES } from '../recommendations/recommendation-lifecycle';
import { expectedSql, factsSql } from '../reporting-completeness/reporting-completeness.repository';

/** The most events one feed lists (its deadlines are a year's at most; this bounds a secretariat's). */
export const CALENDAR_EVENT_LIMIT = 5000;

/** A person a feed belongs to, as the feed needs them. */
export interface FeedOwner {
  userId: string;
  role: string;
  organizationId: string | null;
  language: string;
}

/** One deadline of a feed. */
export interface Deadline {
  type: 'Recommendation' | 'Indicator';
  id: string;
  code: string;
  /** The recommendation's title (as stored: every language) or the indicator's period. */
  title: Record<string, string> | null;
  period: string | null;
  dueOn: string;
}

/** The SQL of calendar feeds: the secret's hash per person, and a person's deadlines. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Sets the person's feed secret (a new one replaces the old); whether they had one. */
  async replace(tx: EntityManager, userId: string, secretHash: string): Promise<boolean> {
    const [row] = await tx.query<{ existed: boolean }[]>(
      `WITH old AS (SELECT user_id FROM calendar_feed WHERE user_id = $1::uuid FOR UPDATE)
       INSERT INTO calendar_feed (user_id, secret_hash) VALUES ($1::uuid, $2::varchar)
       ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = now()
       RETURNING EXISTS (SELECT 1 FROM old) AS existed`,
      [userId, secretHash],
    );
    return row.existed;
  }

  /** Removes the person's feed; whether there was one. */
  async remove(tx: EntityManager, userId: string): Promise<boolean> {
    const rows = await tx.query<{ user_id: string }[]>(`DELETE FROM calendar_feed WHERE user_id = $1::uuid RETURNING user_id`, [userId]);
    return rows.length > 0;
  }

  /** Whether the person has a feed (the account page). */
  async exists(userId: string): Promise<boolean> {
    const [row] = await this.db.query<{ found: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM calendar_feed WHERE user_id = $1::uuid) AS found`, [userId]);
    return row.found;
  }

  /** The active person whose feed has this secret's hash, or null. */
  async owner(secretHash: string): Promise<FeedOwner | null> {
    const [row] = await this.db.query<{ id: string; role: string; organization_id: string | null; preferred_language: string }[]>(
      `SELECT u.id, u.role, u.organization_id, u.preferred_language
         FROM calendar_feed f JOIN app_user u ON u.id = f.user_id
        WHERE f.secret_hash = $1::varchar AND u.deactivated_at IS NULL`,
      [secretHash],
    );
    return row ? { userId: row.id, role: row.role, organizationId: row.organization_id, language: row.preferred_language } : null;
  }

  /**
   * The deadlines from `from` to `until` (dates) of the organisation's (or, for null, every)
   * open recommendation with a due date and indicator period not yet reported (the
   * reporting-completeness rule), by date. At most `limit` (CALENDAR_EVENT_LIMIT at most).
   */
  async deadlines(organizationId: string | null, from: string, until: string, fromEnd: Date, timeZone: string, limit = CALENDAR_EVENT_LIMIT): Promise<Deadline[]> {
    const facts = factsSql(expectedSql('y.year'), '$1::date', '$4::timestamptz', '$5::text');
    const rows = await this.db.query<{ type: Deadline['type']; id: string; code: string; title: Record<string, string> | null; period: string | null; due_on: string }[]>(
      `SELECT * FROM (
         SELECT 'Recommendation' AS type, r.id, r.code, r.title, NULL AS period, to_char(r.due_date, 'YYYY-MM-DD') AS due_on
           FROM recommendation r
          WHERE r.due_date BETWEEN $1::date AND $2::date
            AND r.status <> ALL ($6::recommendation_status[])
            AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM recommendation_organization ro WHERE ro.recommendation_id = r.id AND ro.organization_id = $3::uuid))
         UNION ALL
         SELECT 'Indicator', f.indicator_id, f.indicator_code, NULL, f.period, to_char(f.due_on, 'YYYY-MM-DD')
           FROM generate_series((SELECT min(start_year) FROM action_plan), extract(year FROM $2::date)::int) AS y(year)
          CROSS JOIN LATERAL ${facts} f
          WHERE f.first_submitted_on IS NULL AND f.due_on BETWEEN $1::date AND $2::date
            AND ($3::uuid IS NULL OR f.organization_id = $3::uuid)) d
       ORDER BY due_on, type, code, period
       LIMIT $7::int`,
      [from, until, organizationId, fromEnd.toISOString(), timeZone, [...CLOSED_STATUSES], Math.min(limit, CALENDAR_EVENT_LIMIT)],
    );
    return rows.map((r) => ({ type: r.type, id: r.id, code: r.code, title: r.title, period: r.period, dueOn: r.due_on }));
  }
}
