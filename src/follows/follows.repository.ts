import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Translations } from '../i18n/translations';
import { FollowedRecord, FollowTarget, targetColumns } from './follow-target';

/** The codes an event's mail names (see eventFacts). */
export interface EventFacts {
  code: string;
  planCode: string | null;
  period: string | null;
}

/** A follow as the service sees it (the address only where a mail is composed). */
export interface FollowRow {
  id: string;
  email: string;
  language: string;
  confirmedAt: Date | null;
  /** When the last confirmation mail was sent (else when the follow was made): its link's age. */
  pendingSince: Date;
}

const FOLLOW_COLUMNS = `f.id, f.email, f.language, f.confirmed_at AS "confirmedAt", COALESCE(f.last_confirmation_sent_at, f.created_at) AS "pendingSince"`;

/**
 * The record a follow names, for its pages and mails: code, name and public path. An indicator's
 * path names its plan, since one code may be in several plans.
 */
const FOLLOWED_RECORD = `
SELECT CASE WHEN r.id IS NOT NULL THEN 'recommendation' WHEN i.id IS NOT NULL THEN 'indicator' ELSE 'organisation' END AS kind,
  COALESCE(r.code, i.code) AS code,
  COALESCE(r.title, i.name, o.name) AS name,
  CASE WHEN r.id IS NOT NULL THEN '/recommendations/' || r.code
       WHEN i.id IS NOT NULL THEN '/indicators/' || i.code || '?plan=' || p.code
       ELSE '/organisations/' || o.id END AS path
FROM follow f
LEFT JOIN recommendation r ON r.id = f.recommendation_id
LEFT JOIN indicator i ON i.id = f.indicator_id
LEFT JOIN action_plan p ON p.id = i.action_plan_id
LEFT JOIN organization o ON o.id = f.organization_id
WHERE f.id = $1::uuid`;

/**
 * The confirmed followers an event reaches: of its recommendation, of its indicator, of any of its
 * organisations; one follow per address (the most specific: a record before an organisation), and
 * none for an address that already has a row for this event. Their (follow, event) rows are
 * inserted in the same statement, ON CONFLICT DO NOTHING: only the follows that are new for this
 * event come back, so a retried dispatch or a second instance finds nothing left to mail.
 */
const CLAIM_FOLLOWERS = `
WITH reached AS (
  SELECT DISTINCT ON (f.email) f.id, f.email
  FROM follow f
  WHERE f.confirmed_at IS NOT NULL
    AND (f.recommendation_id = $2::uuid OR f.indicator_id = $3::uuid OR f.organization_id = ANY($4::uuid[]))
  ORDER BY f.email, (f.organization_id IS NOT NULL), f.id
), claimed AS (
  INSERT INTO follow_mail (follow_id, public_event_id)
  SELECT reached.id, $1::uuid FROM reached
  WHERE NOT EXISTS (
    SELECT 1 FROM follow_mail fm JOIN follow other ON other.id = fm.follow_id
    WHERE fm.public_event_id = $1::uuid AND other.email = reached.email
  )
  ON CONFLICT DO NOTHING
  RETURNING follow_id
)
SELECT follow_id AS "followId" FROM claimed`;

/** The SQL of following records by e-mail (tables follow, follow_mail, follow_confirmation). */
@Injectable()
export class FollowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The follow of this address and record, made (unconfirmed) if there was none, locked until the
   * transaction ends (two requests for one address and record take turns). Null when the record
   * does not exist.
   */
  async findOrCreate(tx: EntityManager, email: string, target: FollowTarget, language: string): Promise<FollowRow | null> {
    const { recommendationId, indicatorId, organizationId } = targetColumns(target);
    const exists: unknown[] = await tx.query(
      `SELECT 1 FROM recommendation WHERE id = $1::uuid UNION ALL SELECT 1 FROM indicator WHERE id = $2::uuid UNION ALL SELECT 1 FROM organization WHERE id = $3::uuid`,
      [recommendationId, indicatorId, organizationId],
    );
    if (exists.length === 0) return null;
    await tx.query(
      `INSERT INTO follow (email, recommendation_id, indicator_id, organization_id, language) VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5) ON CONFLICT DO NOTHING`,
      [email, recommendationId, indicatorId, organizationId, language],
    );
    const rows: FollowRow[] = await tx.query(
      `SELECT ${FOLLOW_COLUMNS} FROM follow f
       WHERE f.email = $1 AND f.recommendation_id IS NOT DISTINCT FROM $2::uuid AND f.indicator_id IS NOT DISTINCT FROM $3::uuid
         AND f.organization_id IS NOT DISTINCT FROM $4::uuid
       FOR UPDATE`,
      [email, recommendationId, indicatorId, organizationId],
    );
    return rows[0] ?? null;
  }

  /**
   * Confirmation mails sent to an address (by its keyed hash) since a moment. The address is
   * locked until the transaction ends, so two requests for one address (for different records)
   * count one after the other and cannot both slip under the limit.
   */
  async confirmationsSince(tx: EntityManager, addressHash: string, since: Date): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('follow-address:' || $1, 0))`, [addressHash]);
    const rows: { count: number }[] = await tx.query(`SELECT count(*)::int AS count FROM follow_confirmation WHERE address_hash = $1 AND sent_at > $2`, [addressHash, since]);
    return rows[0].count;
  }

  /** Counts a confirmation mail against its address and dates the follow's link (and language: the latest page's). */
  async confirmationSent(tx: EntityManager, followId: string, addressHash: string, language: string): Promise<void> {
    await tx.query(`INSERT INTO follow_confirmation (address_hash) VALUES ($1)`, [addressHash]);
    await tx.query(`UPDATE follow SET last_confirmation_sent_at = now(), language = $2 WHERE id = $1::uuid`, [followId, language]);
  }

  async find(id: string): Promise<FollowRow | null> {
    const rows: FollowRow[] = await this.db.query(`SELECT ${FOLLOW_COLUMNS} FROM follow f WHERE f.id = $1::uuid`, [id]);
    return rows[0] ?? null;
  }

  async followedRecord(followId: string): Promise<FollowedRecord | null> {
    const rows: (Omit<FollowedRecord, 'name'> & { name: Translations })[] = await this.db.query(FOLLOWED_RECORD, [followId]);
    return rows[0] ?? null;
  }

  /** Confirms a follow whose link was sent after `pendingAfter` (a second confirmation changes nothing). */
  async confirm(id: string, pendingAfter: Date): Promise<boolean> {
    return (await this.count(
      `UPDATE follow SET confirmed_at = COALESCE(confirmed_at, now())
       WHERE id = $1::uuid AND (confirmed_at IS NOT NULL OR COALESCE(last_confirmation_sent_at, created_at) > $2)
       RETURNING id`,
      [id, pendingAfter],
    )) > 0;
  }

  /** Deletes a follow, and with it the address (and its follow_mail rows, by cascade). */
  async delete(id: string): Promise<boolean> {
    return (await this.count(`DELETE FROM follow WHERE id = $1::uuid RETURNING id`, [id])) > 0;
  }

  /**
   * What a follower mail says of an event, read when it is composed: the recommendation's code (a
   * transition, an assessment) or the indicator's code, plan and the value's period (an approved value).
   */
  async eventFacts(event: { subjectId: string; recommendationId: string | null; indicatorId: string | null }): Promise<EventFacts | null> {
    const rows: EventFacts[] = await this.db.query(
      `SELECT r.code, NULL AS "planCode", NULL AS period FROM recommendation r WHERE r.id = $1::uuid
       UNION ALL
       SELECT i.code, p.code AS "planCode", v.period FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id
         LEFT JOIN indicator_value v ON v.id = $3::uuid AND v.indicator_id = i.id
       WHERE i.id = $2::uuid`,
      [event.recommendationId, event.indicatorId, event.subjectId],
    );
    return rows[0] ?? null;
  }

  /** Claims the event's new followers in the caller's transaction (see CLAIM_FOLLOWERS); their follow ids. */
  async claimFollowers(tx: EntityManager, event: { id: string; recommendationId: string | null; indicatorId: string | null; organizationIds: string[] }): Promise<string[]> {
    const rows: { followId: string }[] = await tx.query(CLAIM_FOLLOWERS, [event.id, event.recommendationId, event.indicatorId, event.organizationIds]);
    return rows.map((row) => row.followId);
  }

  /** The daily clean-up: unconfirmed follows whose link is older than `pendingBefore`, and confirmation counts older than `countedBefore`. */
  async deleteExpired(pendingBefore: Date, countedBefore: Date): Promise<{ follows: number; confirmations: number }> {
    return this.db.transaction(async (tx) => ({
      follows: await this.count(`DELETE FROM follow WHERE confirmed_at IS NULL AND COALESCE(last_confirmation_sent_at, created_at) < $1 RETURNING id`, [pendingBefore], tx),
      confirmations: await this.count(`DELETE FROM follow_confirmation WHERE sent_at < $1 RETURNING id`, [countedBefore], tx),
    }));
  }

  /** The rows a writing statement (with RETURNING) touched, read through a CTE: one plain result shape. */
  private async count(statement: string, parameters: unknown[], manager: EntityManager | DataSource = this.db): Promise<number> {
    const rows: { n: number }[] = await manager.query(`WITH touched AS (${statement}) SELECT count(*)::int AS n FROM touched`, parameters);
    return rows[0].n;
  }
}
