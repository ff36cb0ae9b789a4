import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PublicEvent, PublicEventInput } from './public-event';

/** The channel on which each committed event's id is announced (NOTIFY is sent only at commit). */
export const PUBLIC_EVENTS_CHANNEL = 'public_events';

/** The job that hands one committed event to its consumers (webhooks, followers). */
export const DISPATCH_TASK = 'public-events.dispatch';

/**
 * One statement: the event row (with the organisations responsible for its recommendation or
 * indicator as they are in this transaction), its NOTIFY and its dispatch job — the job only when
 * `interest` (the consumers' SQL, e.g. "an active webhook endpoint exists") holds, so a deployment
 * with no webhooks and no followers pays no job per write. All three are transactional: a
 * rolled-back write leaves no event, announces nothing and dispatches nothing.
 */
const publishSql = (interest: string) => `
WITH event AS (
  INSERT INTO public_event (type, subject_type, subject_id, recommendation_id, indicator_id, organization_ids, data)
  VALUES ($1, $2, $3::uuid, $4::uuid, $5::uuid,
    COALESCE(
      (SELECT array_agg(ro.organization_id ORDER BY ro.organization_id) FROM recommendation_organization ro WHERE ro.recommendation_id = $4::uuid),
      (SELECT ARRAY[i.responsible_organization_id] FROM indicator i WHERE i.id = $5::uuid AND i.responsible_organization_id IS NOT NULL),
      '{}'
    ),
    $6::jsonb)
  RETURNING id, type, recommendation_id, indicator_id, organization_ids
)
SELECT event.id,
  pg_notify('${PUBLIC_EVENTS_CHANNEL}', event.id::text),
  CASE WHEN ${interest} THEN (graphile_worker.add_job(identifier => '${DISPATCH_TASK}', payload => json_build_object('eventId', event.id), max_attempts => $7::int)).id END AS job_id
FROM event`;

/**
 * Many events in one statement (an import's rows): the same as publishSql per row, in the order
 * given, each with its organisations, its NOTIFY and (when `interest` holds for it) its dispatch job.
 */
const publishManySql = (interest: string) => `
WITH input AS (
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::jsonb[])
    WITH ORDINALITY AS t(type, subject_type, subject_id, recommendation_id, indicator_id, data, n)
), event AS (
  INSERT INTO public_event (type, subject_type, subject_id, recommendation_id, indicator_id, organization_ids, data)
  SELECT t.type, t.subject_type, t.subject_id, t.recommendation_id, t.indicator_id,
    COALESCE(
      (SELECT array_agg(ro.organization_id ORDER BY ro.organization_id) FROM recommendation_organization ro WHERE ro.recommendation_id = t.recommendation_id),
      (SELECT ARRAY[i.responsible_organization_id] FROM indicator i WHERE i.id = t.indicator_id AND i.responsible_organization_id IS NOT NULL),
      '{}'
    ),
    t.data
  FROM input t ORDER BY t.n
  RETURNING id, type, recommendation_id, indicator_id, organization_ids
)
SELECT event.id,
  pg_notify('${PUBLIC_EVENTS_CHANNEL}', event.id::text),
  CASE WHEN ${interest} THEN (graphile_worker.add_job(identifier => '${DISPATCH_TASK}', payload => json_build_object('eventId', event.id), max_attempts => $7::int)).id END AS job_id
FROM event`;

const COLUMNS = `id, type, subject_type AS "subjectType", subject_id AS "subjectId", recommendation_id AS "recommendationId",
  indicator_id AS "indicatorId", organization_ids AS "organizationIds", data, occurred_at AS "occurredAt"`;

@Injectable()
export class PublicEventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes the event, its announcement and (when `interest`, SQL on the row written — `event.type`,
   * `event.recommendation_id`, `event.indicator_id`, `event.organization_ids` — holds) its dispatch
   * job in the caller's transaction; returns its id.
   */
  async insert(manager: EntityManager, event: PublicEventInput, maxAttempts: number, interest: string): Promise<string> {
    const rows: { id: string }[] = await manager.query(publishSql(interest), [
      event.type,
      event.subjectType,
      event.subjectId,
      event.recommendationId,
      event.indicatorId,
      JSON.stringify(event.data),
      maxAttempts,
    ]);
    return rows[0].id;
  }

  /** Writes many events (one statement, whatever their number) in the caller's transaction; returns their ids. */
  async insertMany(manager: EntityManager, events: readonly PublicEventInput[], maxAttempts: number, interest: string): Promise<string[]> {
    if (!events.length) return [];
    const rows: { id: string }[] = await manager.query(publishManySql(interest), [
      events.map((e) => e.type),
      events.map((e) => e.subjectType),
      events.map((e) => e.subjectId),
      events.map((e) => e.recommendationId),
      events.map((e) => e.indicatorId),
      events.map((e) => JSON.stringify(e.data)),
      maxAttempts,
    ]);
    return rows.map((r) => r.id);
  }

  /** One event by id (null if unknown). */
  async find(id: string): Promise<PublicEvent | null> {
    const rows: PublicEvent[] = await this.db.query(`SELECT ${COLUMNS} FROM public_event WHERE id = $1::uuid`, [id]);
    return rows[0] ?? null;
  }

  /** Events after a moment, oldest first (a consumer catching up, e.g. a subscriber that reconnects). */
  since(after: Date, limit: number): Promise<PublicEvent[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM public_event WHERE occurred_at > $1 ORDER BY occurred_at, id LIMIT $2`, [after, limit]);
  }
}
