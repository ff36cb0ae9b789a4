import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '../database/sql/params';
import { DEFAULT_MAX_ATTEMPTS } from '../jobs/job-queue';
import type { Notification } from './notification.entity';
import type { DigestCadence } from './notification-digest.entity';
import type { MailDelivery } from './notification-preference.entity';
import type { Audience, NotificationEvent, SubjectType } from './notification-event';
import { responsibleSetSql, responsibleUsersSql, subjectOfficerSql } from './recipients.sql';

/** A notification written by a delivery, with who it is for. */
export interface Delivered {
  id: string;
  recipientId: string;
  /** How the recipient wants this kind by mail (IMMEDIATE: a mail job; DAILY, WEEKLY: a digest; OFF: none). */
  delivery: MailDelivery;
}

/** A person's choice for a kind, from the preference row aliased `alias` (no row: IMMEDIATE). */
function deliverySql(alias: string): string {
  return `coalesce(${alias}.delivery, 'IMMEDIATE')`;
}

/** The organisations responsible for a subject (what a MINISTRY user may be told about). */
function subjectOrganizationsSql(type: SubjectType, subject: string): string {
  switch (type) {
    case 'IndicatorValue':
      return `SELECT i.responsible_organization_id AS organization_id
                FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
               WHERE v.id = ${subject} AND i.responsible_organization_id IS NOT NULL`;
    case 'Recommendation':
      return `SELECT organization_id FROM recommendation_organization WHERE recommendation_id = ${subject}`;
    case 'Indicator':
      return `SELECT responsible_organization_id AS organization_id FROM indicator WHERE id = ${subject} AND responsible_organization_id IS NOT NULL`;
    case 'WebhookEndpoint':
      return `SELECT organization_id FROM webhook_endpoint WHERE id = ${subject} AND organization_id IS NOT NULL`;
  }
}

/** What the messages of every subject say besides the event's payload, read when it is delivered. */
function subjectFactsSql(type: SubjectType, subject: string): string {
  switch (type) {
    case 'IndicatorValue':
      return `SELECT jsonb_build_object('indicatorId', i.id, 'indicatorCode', i.code, 'period', v.period) AS facts
                FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE v.id = ${subject}`;
    case 'Recommendation':
      return `SELECT jsonb_build_object('code', r.code) AS facts FROM recommendation r WHERE r.id = ${subject}`;
    case 'Indicator':
      return `SELECT jsonb_build_object('indicatorId', i.id, 'indicatorCode', i.code) AS facts FROM indicator i WHERE i.id = ${subject}`;
    case 'WebhookEndpoint':
      return `SELECT jsonb_build_object('url', e.url, 'organizationId', e.organization_id) AS facts FROM webhook_endpoint e WHERE e.id = ${subject}`;
  }
}

/** The users an audience names, before the rules every delivery applies (`officer`: the subject's officer, scalar SQL). */
function audienceSql(audience: Audience, params: SqlParams, officer: string): string {
  switch (audience.kind) {
    case 'REVIEWERS':
      return `SELECT id AS user_id FROM app_user WHERE role IN ('ADMIN', 'EDITOR')`;
    case 'USERS':
      return `SELECT unnest(${params.add(audience.userIds, 'uuid[]')}) AS user_id`;
    case 'RESPONSIBLE':
      return responsibleUsersSql(officer);
  }
}

/**
 * Many subjects at once (the reminder sweep): SQL of one row per subject, with the columns
 * `subject_id` (uuid), `item_key` (text: the occurrence's item, unique per subject and rule),
 * `organization_ids` (uuid[]: its responsible organisations), `responsible_user_id` (uuid: its
 * officer, or null) and `payload` (jsonb).
 */
export interface SubjectSet {
  sql: string;
  params: SqlParams;
}

/** Who a set of subjects is told to: the people responsible, the reviewers, or (escalations) focal points and the secretariat. */
export type SetAudience = 'RESPONSIBLE' | 'REVIEWERS' | 'ESCALATION';

/** All SQL of notifications: who an event reaches, the rows, a person's list and unread count. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Writes the event's notifications, one per recipient, and returns those written now (none
   * that an earlier delivery of the same event wrote). The rules, in SQL so no path forgets them:
   * active users only, never the actor, and a MINISTRY user only about a subject one of whose
   * responsible organisations is theirs.
   */
  async deliver(tx: EntityManager, event: NotificationEvent): Promise<Delivered[]> {
    const params = new SqlParams();
    const subject = params.add(event.subjectId, 'uuid');
    const orgs = subjectOrganizationsSql(event.subjectType, subject);
    const audience = audienceSql(event.audience, params, subjectOfficerSql(event.subjectType, subject));
    const sql = `
      WITH subject_orgs AS (${orgs}),
           subject_facts AS (${subjectFactsSql(event.subjectType, subject)}),
           audience AS (${audience})
      INSERT INTO notification (recipient_id, kind, subject_type, subject_id, payload, dedupe_key)
      SELECT DISTINCT u.id, ${params.add(event.kind, 'varchar')}, ${params.add(event.subjectType, 'varchar')}, ${subject},
             coalesce((SELECT facts FROM subject_facts), '{}'::jsonb) || ${params.add(JSON.stringify(event.payload), 'jsonb')},
             ${params.add(`${event.kind}:${event.occurrence}:`, 'text')} || u.id::text
        FROM audience a JOIN app_user u ON u.id = a.user_id
       WHERE u.deactivated_at IS NULL
         AND u.id IS DISTINCT FROM ${params.add(event.actorUserId, 'uuid')}
         AND (u.role <> 'MINISTRY' OR u.organization_id IN (SELECT organization_id FROM subject_orgs))
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, recipient_id, kind`;
    // With the recipient's choice for the kind (one join), so the caller mails only what goes at once.
    const rows: { id: string; recipient_id: string; delivery: MailDelivery }[] = await tx.query(
      `WITH written AS (${sql})
       SELECT w.id, w.recipient_id, ${deliverySql('p')} AS delivery
         FROM written w LEFT JOIN notification_preference p ON p.user_id = w.recipient_id AND p.kind = w.kind`,
      params.values,
    );
    return rows.map((r) => ({ id: r.id, recipientId: r.recipient_id, delivery: r.delivery }));
  }

  /**
   * Writes one notification per subject of the set and person of the audience, in one statement,
   * under the same rules and dedupe key as `deliver` (`KIND:occurrence:recipient`, the occurrence
   * being `rule:item_key:day`), and with `mailTask` the mail job of each new one in that statement
   * too. How many were new.
   */
  async deliverSet(
    tx: EntityManager,
    set: SubjectSet,
    event: { kind: string; subjectType: SubjectType; rule: string; day: string; audience: SetAudience },
    mailTask: string | null,
  ): Promise<number> {
    const p = set.params;
    // Who, per subject (recipients.sql.ts): equality joins, hash joins however many subjects and people.
    const recipients = `(${responsibleSetSql(event.audience)}) s JOIN app_user u ON u.id = s.user_id`;
    const kind = p.add(event.kind, 'varchar');
    // A mail job only for those who want this kind at once (one join on their choices): DAILY and
    // WEEKLY wait for the digest, OFF stays in the application.
    const mail = mailTask
      ? `SELECT count(graphile_worker.add_job(identifier => ${p.add(mailTask, 'text')}, payload => json_build_object('notificationId', i.id),
                  max_attempts => ${p.add(DEFAULT_MAX_ATTEMPTS, 'int')}, job_key => 'mail:' || i.id, job_key_mode => 'unsafe_dedupe'))::int
           FROM inserted i LEFT JOIN notification_preference mp ON mp.user_id = i.recipient_id AND mp.kind = ${kind}
          WHERE ${deliverySql('mp')} = 'IMMEDIATE'`
      : '0';
    const sql = `
      WITH subjects AS MATERIALIZED (${set.sql}),
           inserted AS (
             INSERT INTO notification (recipient_id, kind, subject_type, subject_id, payload, dedupe_key)
             SELECT u.id, ${kind}, ${p.add(event.subjectType, 'varchar')}, s.subject_id, s.payload,
                    ${kind} || ':' || ${p.add(event.rule, 'text')} || ':' || s.item_key || ':' || ${p.add(event.day, 'text')} || ':' || u.id::text
               FROM ${recipients}
              WHERE u.deactivated_at IS NULL
             ON CONFLICT (dedupe_key) DO NOTHING
             RETURNING id, recipient_id)
      SELECT (SELECT count(*)::int FROM inserted) AS written, (${mail}) AS mailed`;
    const [row] = await tx.query<{ written: number }[]>(sql, p.values);
    return row.written;
  }

  /** A signing key the migrations made (notification_secret), by name; null when there is none. */
  async secret(name: string): Promise<string | null> {
    const [row] = await this.db.query<{ value: string }[]>('SELECT value FROM notification_secret WHERE name = $1', [name]);
    return row?.value ?? null;
  }

  /** A person's notifications, newest first. */
  async listFor(userId: string, limit: number): Promise<Notification[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, recipient_id, kind, subject_type, subject_id, payload, created_at, read_at, dedupe_key, mailed_at
         FROM notification WHERE recipient_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT $2::int`,
      [userId, limit],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1::uuid AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }

  /** Marks one of the person's notifications read; false when it is not theirs or does not exist. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const [row] = await this.db.query<{ n: number }[]>(
      `WITH marked AS (UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1::uuid AND recipient_id = $2::uuid RETURNING id)
       SELECT count(*)::int AS n FROM marked`,
      [id, userId],
    );
    return row.n === 1;
  }

  /**
   * The notification, locked until the transaction ends (two mail jobs of one notification wait
   * for each other), with its recipient's address, language and choice for its kind; null if gone.
   */
  async lockForMail(tx: EntityManager, id: string): Promise<NotificationToMail | null> {
    const [row] = await tx.query<Record<string, unknown>[]>(
      `SELECT n.*, u.email, u.preferred_language, u.deactivated_at IS NULL AS active, ${deliverySql('p')} AS delivery
         FROM notification n
         JOIN app_user u ON u.id = n.recipient_id
         LEFT JOIN notification_preference p ON p.user_id = n.recipient_id AND p.kind = n.kind
        WHERE n.id = $1::uuid
          FOR UPDATE OF n`,
      [id],
    );
    if (!row) return null;
    return {
      notification: toNotification(row),
      email: row.email as string,
      language: row.preferred_language as string,
      active: row.active as boolean,
      delivery: row.delivery as MailDelivery,
    };
  }

  async markMailed(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE notification SET mailed_at = now() WHERE id = $1::uuid`, [id]);
  }

  /** A person's address, name, language and whether the account is active; null if there is none. */
  async person(userId: string): Promise<{ email: string; displayName: string; language: string; active: boolean } | null> {
    const [row] = await this.db.query<{ email: string; display_name: string; preferred_language: string; active: boolean }[]>(
      `SELECT email, display_name, preferred_language, deactivated_at IS NULL AS active FROM app_user WHERE id = $1::uuid`,
      [userId],
    );
    return row ? { email: row.email, displayName: row.display_name, language: row.preferred_language, active: row.active } : null;
  }

  /** Sets how the person gets mail of this kind (insert or update); the choice before, or null when there is no such person. */
  async setMailDelivery(userId: string, kind: string, delivery: MailDelivery, tx: EntityManager | DataSource = this.db): Promise<MailDelivery | null> {
    const [row] = await tx.query<{ before: MailDelivery | null }[]>(
      `WITH before AS (SELECT delivery FROM notification_preference WHERE user_id = $1::uuid AND kind = $2::varchar),
            saved AS (
              INSERT INTO notification_preference (user_id, kind, delivery)
              SELECT $1::uuid, $2::varchar, $3::varchar WHERE EXISTS (SELECT 1 FROM app_user WHERE id = $1::uuid)
              ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()
                WHERE notification_preference.delivery IS DISTINCT FROM EXCLUDED.delivery
              RETURNING 1)
       SELECT CASE WHEN EXISTS (SELECT 1 FROM app_user WHERE id = $1::uuid) THEN coalesce((SELECT delivery FROM before), 'IMMEDIATE') END AS before`,
      [userId, kind, delivery],
    );
    return row?.before ?? null;
  }

  /** The person's choice of mail for each kind they set (the rest: IMMEDIATE). */
  async mailDeliveries(userId: string): Promise<Map<string, MailDelivery>> {
    const rows = await this.db.query<{ kind: string; delivery: MailDelivery }[]>(
      `SELECT kind, delivery FROM notification_preference WHERE user_id = $1::uuid`,
      [userId],
    );
    return new Map(rows.map((r) => [r.kind, r.delivery]));
  }

  /**
   * Makes the digests of one period in one statement: for every active person with notifications
   * of kinds they get `cadence`, created in [from, until) and in no digest nor mail yet, one digest
   * (unique per person, cadence and period: a second run, on any instance, makes none), the
   * notifications pointing to it, and its mail job. How many digests and notifications.
   */
  async makeDigests(
    tx: EntityManager,
    run: { cadence: DigestCadence; periodStart: string; from: Date; until: Date },
    mailTask: string,
  ): Promise<{ digests: number; listed: number }> {
    const p = new SqlParams();
    const cadence = p.add(run.cadence, 'varchar');
    const sql = `
      WITH pending AS MATERIALIZED (
             SELECT n.id, n.recipient_id
               FROM notification_preference pref
               JOIN app_user u ON u.id = pref.user_id AND u.deactivated_at IS NULL
               JOIN notification n ON n.recipient_id = pref.user_id AND n.kind = pref.kind
              WHERE pref.delivery = ${cadence}
                AND n.digest_id IS NULL AND n.mailed_at IS NULL
                AND n.created_at >= ${p.add(run.from, 'timestamptz')} AND n.created_at < ${p.add(run.until, 'timestamptz')}),
           digests AS (
             INSERT INTO notification_digest (user_id, cadence, period_start)
             SELECT DISTINCT recipient_id, ${cadence}, ${p.add(run.periodStart, 'date')} FROM pending
             ON CONFLICT (user_id, cadence, period_start) DO NOTHING
             RETURNING id, user_id),
           listed AS (
             UPDATE notification n SET digest_id = d.id
               FROM pending x JOIN digests d ON d.user_id = x.recipient_id
              WHERE n.id = x.id
             RETURNING n.id)
      SELECT (SELECT count(*)::int FROM listed) AS listed,
             (SELECT count(graphile_worker.add_job(identifier => ${p.add(mailTask, 'text')}, payload => json_build_object('digestId', id),
                       max_attempts => ${p.add(DEFAULT_MAX_ATTEMPTS, 'int')}, job_key => 'digest:' || id, job_key_mode => 'unsafe_dedupe'))::int
                FROM digests) AS digests`;
    const [row] = await tx.query<{ digests: number; listed: number }[]>(sql, p.values);
    return row;
  }

  /** A digest, locked until the transaction ends, with its person's address, language and whether active; null if gone. */
  async lockDigest(tx: EntityManager, id: string): Promise<DigestToMail | null> {
    const [row] = await tx.query<Record<string, unknown>[]>(
      `SELECT d.id, d.user_id, d.cadence, to_char(d.period_start, 'YYYY-MM-DD') AS period_start, d.mailed_at,
              u.email, u.preferred_language, u.deactivated_at IS NULL AS active
         FROM notification_digest d JOIN app_user u ON u.id = d.user_id
        WHERE d.id = $1::uuid
          FOR UPDATE OF d`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id as string,
      userId: row.user_id as string,
      cadence: row.cadence as DigestCadence,
      periodStart: row.period_start as string,
      mailedAt: (row.mailed_at as Date | null) ?? null,
      email: row.email as string,
      language: row.preferred_language as string,
      active: row.active as boolean,
    };
  }

  /** The notifications a digest lists, oldest first (at most `limit`), and how many it lists in all. */
  async digestItems(tx: EntityManager, digestId: string, limit: number): Promise<{ items: Notification[]; total: number }> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT n.*, count(*) OVER ()::int AS total FROM notification n WHERE n.digest_id = $1::uuid ORDER BY n.created_at, n.id LIMIT $2::int`,
      [digestId, limit],
    );
    return { items: rows.map(toNotification), total: (rows[0]?.total as number | undefined) ?? 0 };
  }

  async markDigestMailed(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE notification_digest SET mailed_at = now() WHERE id = $1::uuid`, [id]);
  }

  /** Marks every unread notification of the person read; how many. */
  async markAllRead(userId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `WITH marked AS (UPDATE notification SET read_at = now() WHERE recipient_id = $1::uuid AND read_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM marked`,
      [userId],
    );
    return row.n;
  }
}

/** A digest about to be mailed, with what the mail needs of its person. */
export interface DigestToMail {
  id: string;
  userId: string;
  cadence: DigestCadence;
  periodStart: string;
  mailedAt: Date | null;
  email: string;
  language: string;
  active: boolean;
}

/** A notification about to be mailed, with what the mail needs of its recipient. */
export interface NotificationToMail {
  notification: Notification;
  email: string;
  language: string;
  active: boolean;
  delivery: MailDelivery;
}

function toNotification(row: Record<string, unknown>): Notification {
  return {
    id: row.id as string,
    recipientId: row.recipient_id as string,
    kind: row.kind as string,
    subjectType: row.subject_type as string,
    subjectId: row.subject_id as string,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.created_at as Date,
    readAt: (row.read_at as Date | null) ?? null,
    dedupeKey: row.dedupe_key as string,
    mailedAt: (row.mailed_at as Date | null) ?? null,
    digestId: (row.digest_id as string | null) ?? null,
  };
}
