import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { Connection } from '../common/pagination/connection.type';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import type { PublicEvent, PublicEventType } from '../public-events/public-event';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** Which endpoints a caller lists: all of them (ADMIN) or one organisation's. */
export type EndpointOwnerFilter = { all: true } | { all: false; organizationId: string };

/** What a delivery job reads in one statement: the delivery, its endpoint and its event, with the codes its public page is named by. */
export interface DeliveryToSend {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint;
  event: PublicEvent;
  recommendationCode: string | null;
  indicatorCode: string | null;
}

/** What one attempt came to (written with the delivery's and the endpoint's new state). */
export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** Deliveries newest first, ties broken by id. */
const NEWEST_FIRST: KeysetOrder<WebhookDelivery> = {
  list: 'webhookDeliveries',
  sql: 'd.created_at',
  idSql: 'd.id',
  cast: 'timestamptz',
  direction: 'DESC',
  keyOf: (delivery) => delivery.createdAt.toISOString(),
  isValidKey: isCursorTimestamp,
};

/** Every statement on webhook_endpoint, webhook_delivery and webhook_attempt. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insertEndpoint(tx: EntityManager, values: Pick<WebhookEndpoint, 'url' | 'description' | 'eventTypes' | 'organizationId' | 'secret'>): Promise<WebhookEndpoint> {
    const repository = tx.getRepository(WebhookEndpoint);
    return repository.save(repository.create({ ...values, active: true }));
  }

  /** One endpoint (null if unknown); with `tx`, locked until the transaction ends. */
  endpoint(id: string, tx?: EntityManager): Promise<WebhookEndpoint | null> {
    const query = (tx ?? this.db).getRepository(WebhookEndpoint).createQueryBuilder('e').where('e.id = :id', { id });
    if (tx) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Endpoints, newest first. */
  listEndpoints(owner: EndpointOwnerFilter): Promise<WebhookEndpoint[]> {
    const query = this.db.getRepository(WebhookEndpoint).createQueryBuilder('e').orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC');
    if (!owner.all) query.where('e.organization_id = :organizationId', { organizationId: owner.organizationId });
    return query.getMany();
  }

  async saveEndpoint(tx: EntityManager, endpoint: WebhookEndpoint): Promise<WebhookEndpoint> {
    return tx.getRepository(WebhookEndpoint).save(endpoint);
  }

  async deleteEndpoint(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(WebhookEndpoint).delete({ id });
  }

  /**
   * The deliveries of an event, one per active endpoint that chose its type and may receive it
   * (the secretariat's: every event; an NGO's: events about its organisation, by responsibility or
   * as the assessment's author), in one statement. UNIQUE (endpoint, event) makes a second run (a
   * retried dispatch, another instance) insert nothing: only the new rows' ids come back.
   */
  async insertDeliveries(tx: EntityManager, event: PublicEvent): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO webhook_delivery (endpoint_id, public_event_id, event_type)
       SELECT e.id, $1::uuid, $2::varchar
         FROM webhook_endpoint e
        WHERE e.active AND $2::varchar = ANY (e.event_types)
          AND (e.organization_id IS NULL OR e.organization_id = ANY ($3::uuid[]) OR e.organization_id::text = $4::text)
          -- A dispatch retried later does not hand an endpoint what happened before it was registered.
          AND e.created_at <= $5::timestamptz
       ON CONFLICT (endpoint_id, public_event_id) DO NOTHING
       RETURNING id`,
      [event.id, event.type, event.organizationIds, typeof event.data.organizationId === 'string' ? event.data.organizationId : null, event.occurredAt],
    );
    return rows.map((r) => r.id);
  }

  /** A delivery with its endpoint and event, for the job (null when either is gone). */
  async deliveryToSend(id: string): Promise<DeliveryToSend | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT d.id AS d_id, d.endpoint_id, d.public_event_id, d.event_type, d.status, d.attempt_count, d.created_at AS d_created_at,
              d.last_attempt_at, d.next_attempt_at, d.delivered_at,
              e.url, e.description, e.event_types, e.organization_id AS e_organization_id, e.secret, e.active, e.disabled_at,
              e.disabled_reason, e.failing_since, e.created_at AS e_created_at,
              p.type, p.subject_type, p.subject_id, p.recommendation_id, p.indicator_id, p.organization_ids, p.data, p.occurred_at,
              r.code AS recommendation_code, i.code AS indicator_code
         FROM webhook_delivery d
         JOIN webhook_endpoint e ON e.id = d.endpoint_id
         JOIN public_event p ON p.id = d.public_event_id
         LEFT JOIN recommendation r ON r.id = p.recommendation_id
         LEFT JOIN indicator i ON i.id = p.indicator_id
        WHERE d.id = $1::uuid`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const delivery = Object.assign(new WebhookDelivery(), {
      id: row.d_id,
      endpointId: row.endpoint_id,
      publicEventId: row.public_event_id,
      eventType: row.event_type,
      status: row.status,
      attemptCount: row.attempt_count,
      createdAt: row.d_created_at,
      lastAttemptAt: row.last_attempt_at,
      nextAttemptAt: row.next_attempt_at,
      deliveredAt: row.delivered_at,
    });
    const endpoint = Object.assign(new WebhookEndpoint(), {
      id: row.endpoint_id,
      url: row.url,
      description: row.description,
      eventTypes: row.event_types,
      organizationId: row.e_organization_id,
      secret: row.secret,
      active: row.active,
      disabledAt: row.disabled_at,
      disabledReason: row.disabled_reason,
      failingSince: row.failing_since,
      createdAt: row.e_created_at,
    });
    const event: PublicEvent = {
      id: row.public_event_id as string,
      type: row.type as PublicEventType,
      subjectType: row.subject_type as PublicEvent['subjectType'],
      subjectId: row.subject_id as string,
      recommendationId: row.recommendation_id as string | null,
      indicatorId: row.indicator_id as string | null,
      organizationIds: row.organization_ids as string[],
      data: row.data as PublicEvent['data'],
      occurredAt: row.occurred_at as Date,
    };
    return { delivery, endpoint, event, recommendationCode: row.recommendation_code as string | null, indicatorCode: row.indicator_code as string | null };
  }

  /**
   * Records an attempt: numbers it after the delivery's last, sets the delivery's state and
   * returns the attempt's number. The endpoint's failure clock is set by `markEndpointFailing` /
   * `markEndpointSucceeding` in the same transaction.
   */
  async recordAttempt(
    tx: EntityManager,
    deliveryId: string,
    attempt: AttemptRecord,
    outcome: { status: WebhookDeliveryStatus; nextAttemptAt: Date | null },
  ): Promise<number> {
    const [row]: { attempt_count: number }[] = await tx.query(
      // In a WITH: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with its rows.
      `WITH updated AS (UPDATE webhook_delivery
          SET attempt_count = attempt_count + 1, last_attempt_at = $2::timestamptz, status = $3::varchar, next_attempt_at = $4::timestamptz,
              delivered_at = CASE WHEN $3::varchar = '${WebhookDeliveryStatus.DELIVERED}' THEN $2::timestamptz ELSE delivered_at END
        WHERE id = $1::uuid
        RETURNING attempt_count) SELECT attempt_count FROM updated`,
      [deliveryId, attempt.startedAt, outcome.status, outcome.nextAttemptAt],
    );
    await tx.query(
      `INSERT INTO webhook_attempt (delivery_id, number, started_at, duration_ms, http_status, error, response_excerpt)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)`,
      [deliveryId, row.attempt_count, attempt.startedAt, attempt.durationMs, attempt.httpStatus, attempt.error, attempt.responseExcerpt],
    );
    return row.attempt_count;
  }

  /** A success clears the endpoint's failure clock. */
  async markEndpointSucceeding(tx: EntityManager, endpointId: string): Promise<void> {
    await tx.query('UPDATE webhook_endpoint SET failing_since = NULL WHERE id = $1::uuid AND failing_since IS NOT NULL', [endpointId]);
  }

  /** A failure starts the endpoint's failure clock if it is not running; returns since when it has been failing (null if the endpoint is gone). */
  async markEndpointFailing(tx: EntityManager, endpointId: string, at: Date): Promise<Date | null> {
    const rows: { failing_since: Date }[] = await tx.query(
      'WITH updated AS (UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, $2) WHERE id = $1::uuid RETURNING failing_since) SELECT failing_since FROM updated',
      [endpointId, at],
    );
    return rows[0]?.failing_since ?? null;
  }

  /** Disables an active endpoint (once: true only for the call that did it) and gives up its waiting deliveries. */
  async disableEndpoint(tx: EntityManager, endpointId: string, at: Date, reason: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'WITH updated AS (UPDATE webhook_endpoint SET active = false, disabled_at = $2, disabled_reason = $3 WHERE id = $1::uuid AND active RETURNING id) SELECT id FROM updated',
      [endpointId, at, reason],
    );
    if (!rows.length) return false;
    await this.giveUpPending(tx, endpointId);
    return true;
  }

  /** The endpoint's deliveries still waiting become FAILED (it no longer receives anything). */
  async giveUpPending(tx: EntityManager, endpointId: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_delivery SET status = '${WebhookDeliveryStatus.FAILED}', next_attempt_at = NULL WHERE endpoint_id = $1::uuid AND status = '${WebhookDeliveryStatus.PENDING}'`,
      [endpointId],
    );
  }

  /** A delivery that will not be attempted (its endpoint was disabled meanwhile). */
  async giveUpDelivery(deliveryId: string): Promise<void> {
    await this.db.query(`UPDATE webhook_delivery SET status = '${WebhookDeliveryStatus.FAILED}', next_attempt_at = NULL WHERE id = $1::uuid AND status = '${WebhookDeliveryStatus.PENDING}'`, [
      deliveryId,
    ]);
  }

  /** A redelivery waits again (its job is added in the same transaction). */
  async markPending(tx: EntityManager, deliveryId: string): Promise<void> {
    await tx.query(`UPDATE webhook_delivery SET status = '${WebhookDeliveryStatus.PENDING}', next_attempt_at = NULL WHERE id = $1::uuid`, [deliveryId]);
  }

  /** Who is told an endpoint was disabled: its organisation's active users, or the active ADMINs for the secretariat's. */
  async ownerUserIds(tx: EntityManager, organizationId: string | null): Promise<string[]> {
    const rows: { id: string }[] = organizationId
      ? await tx.query('SELECT id FROM app_user WHERE organization_id = $1::uuid AND deactivated_at IS NULL', [organizationId])
      : await tx.query(`SELECT id FROM app_user WHERE role = 'ADMIN' AND deactivated_at IS NULL`);
    return rows.map((r) => r.id);
  }

  /** One delivery (null if unknown). */
  delivery(id: string): Promise<WebhookDelivery | null> {
    return this.db.getRepository(WebhookDelivery).findOneBy({ id });
  }

  /** A page of an endpoint's deliveries, newest first, with the total. */
  deliveries(endpointId: string, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    const filtered = () => this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId });
    return keysetConnection(args, NEWEST_FIRST, filtered(), countAll(filtered()));
  }

  /** The attempts of a delivery, in order, through the request's loader (one statement for a page of deliveries). */
  attemptsByDelivery(loaders: LoaderRegistry): DataLoader<string, WebhookAttempt[]> {
    return loaders.get('webhookAttempt.byDelivery', async (ids: readonly string[]) => {
      const rows = await this.db
        .getRepository(WebhookAttempt)
        .createQueryBuilder('a')
        .where('a.delivery_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('a.number', 'ASC')
        .getMany();
      return manyByKey(ids, rows, (a) => a.deliveryId);
    });
  }
}
