import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { JobQueue } from '../jobs/job-queue';
import { NotificationKind } from '../notifications/notification-event';
import { NotificationsService } from '../notifications/notifications.service';
import type { PublicEvent } from '../public-events/public-event';
import { PublicEventsService } from '../public-events/public-events.service';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookSender } from './webhook-sender';
import { type DeliveryToSend, WebhooksRepository } from './webhooks.repository';

/** The job that POSTs one delivery (retried with backoff while the endpoint fails). */
export const WEBHOOK_DELIVER_TASK = 'webhooks.deliver';

/**
 * Attempts per delivery. graphile-worker waits exp(min(attempt, 10)) seconds after a failed
 * attempt: after attempts 1–9 that is e¹ + … + e⁹ ≈ 12,818 s (3.6 h), then e¹⁰ ≈ 22,026 s (6.1 h)
 * after each further one. Attempt 13 comes ≈ 21.9 h after the first and attempt 14 ≈ 28 h after
 * it, so 14 attempts span a little over a day, by when FAILING_FOR_DISABLE has disabled an
 * endpoint that never answered.
 */
export const WEBHOOK_MAX_ATTEMPTS = 14;

/** An endpoint whose every attempt has failed for this long is disabled and its owner told. */
export const FAILING_FOR_DISABLE_MS = 24 * 60 * 60 * 1000;

/** The job's payload: the delivery; `redelivery` sends it again even when it was delivered. */
export interface DeliverJob {
  deliveryId: string;
  redelivery?: boolean;
}

/** The body of a delivery (Standard Webhooks: type, timestamp, data). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The body sent for an event: its ids and scalars (what the public site shows) and the public page
 * it is about. Nothing else is read, so nothing a subscriber may not read can get in.
 */
export function webhookPayload(found: Pick<DeliveryToSend, 'event' | 'recommendationCode' | 'indicatorCode'>, publicBaseUrl: string): WebhookPayload {
  const { event } = found;
  const page = found.recommendationCode
    ? `${publicBaseUrl}/recommendations/${encodeURIComponent(found.recommendationCode)}`
    : found.indicatorCode
      ? `${publicBaseUrl}/indicators/${encodeURIComponent(found.indicatorCode)}`
      : null;
  return {
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      ...event.data,
      eventId: event.id,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      recommendationId: event.recommendationId,
      recommendationCode: found.recommendationCode,
      indicatorId: event.indicatorId,
      indicatorCode: found.indicatorCode,
      organizationIds: event.organizationIds,
      url: page,
    },
  };
}

/**
 * Turns public events into deliveries and delivers them: the `webhooks` consumer writes one
 * delivery per endpoint that wants the event and enqueues its job in the same transaction; the job
 * signs and POSTs it, logs the attempt, and throws on failure so the queue retries with backoff.
 */
@Injectable()
export class WebhookDeliveriesService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly jobs: JobQueue,
    private readonly publicEvents: PublicEventsService,
    private readonly notifications: NotificationsService,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // A dispatch job only while an active endpoint chose the event's type.
    this.publicEvents.registerConsumer('webhooks', (event) => this.enqueueDeliveries(event).then(() => undefined), {
      interest: 'EXISTS (SELECT 1 FROM webhook_endpoint e WHERE e.active AND event.type = ANY(e.event_types))',
    });
    this.jobs.register(WEBHOOK_DELIVER_TASK, (payload, context) => this.deliver(payload as DeliverJob, context.attempt));
  }

  /** The consumer: the event's new deliveries and their jobs, in one transaction (none the second time). */
  enqueueDeliveries(event: PublicEvent): Promise<string[]> {
    return this.repository.transaction(async (tx) => {
      const ids = await this.repository.insertDeliveries(tx, event);
      for (const deliveryId of ids) {
        await this.jobs.enqueueInTransaction(tx, WEBHOOK_DELIVER_TASK, { deliveryId } satisfies DeliverJob, {
          jobKey: `webhook:${deliveryId}`,
          maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        });
      }
      return ids;
    });
  }

  /**
   * The delivery job: one signed POST. 2xx: delivered. Anything else: the attempt is logged and
   * the job throws (retried with backoff), unless this was its last attempt or the endpoint has
   * now been failing for a day (then it is disabled and its owner told).
   */
  async deliver(job: DeliverJob, attempt: number): Promise<void> {
    const found = await this.repository.deliveryToSend(job.deliveryId);
    if (!found) return;
    const { delivery, endpoint } = found;
    if (delivery.status === WebhookDeliveryStatus.DELIVERED && !job.redelivery) return;
    if (!endpoint.active) {
      await this.repository.giveUpDelivery(delivery.id);
      return;
    }
    const body = JSON.stringify(webhookPayload(found, this.config.publicBaseUrl));
    // The signature's time is the real sending time (receivers refuse stale ones), not the Clock's.
    const sentAt = new Date();
    const headers = {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(endpoint.secret).sign(delivery.id, sentAt, body),
    };
    const startedAt = this.clock.now();
    const began = performance.now();
    const outcome = await this.sender.post(endpoint.url, headers, body);
    const durationMs = Math.round(performance.now() - began);
    const delivered = outcome.error === null && outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300;
    const failure = delivered ? null : (outcome.error ?? `HTTP ${outcome.httpStatus}`);
    const retry = await this.repository.transaction(async (tx) => {
      const record = { startedAt, durationMs, ...outcome };
      if (delivered) {
        await this.repository.recordAttempt(tx, delivery.id, record, { status: WebhookDeliveryStatus.DELIVERED, nextAttemptAt: null });
        await this.repository.markEndpointSucceeding(tx, endpoint.id);
        return false;
      }
      const failingSince = await this.repository.markEndpointFailing(tx, endpoint.id, startedAt);
      const lastAttempt = job.redelivery || attempt >= WEBHOOK_MAX_ATTEMPTS;
      const failedForADay = failingSince !== null && startedAt.getTime() - failingSince.getTime() >= FAILING_FOR_DISABLE_MS;
      const giveUp = lastAttempt || failedForADay;
      await this.repository.recordAttempt(tx, delivery.id, record, {
        status: giveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
        // graphile-worker's backoff after this attempt (an estimate shown on the page).
        nextAttemptAt: giveUp ? null : new Date(startedAt.getTime() + Math.exp(Math.min(attempt, 10)) * 1000),
      });
      if (failedForADay) {
        const reason = `every attempt failed for 24 hours (since ${failingSince.toISOString()}); last: ${failure}`.slice(0, 500);
        if (await this.repository.disableEndpoint(tx, endpoint.id, startedAt, reason)) {
          await this.notifications.notify(tx, {
            kind: NotificationKind.WEBHOOK_DISABLED,
            subjectType: 'WebhookEndpoint',
            subjectId: endpoint.id,
            occurrence: `${endpoint.id}:${startedAt.toISOString()}`,
            audience: { kind: 'USERS', userIds: await this.repository.ownerUserIds(tx, endpoint.organizationId) },
            actorUserId: null,
            payload: { url: endpoint.url },
          });
          this.logger.warn(`webhook endpoint ${endpoint.id} disabled: ${reason}`);
        }
      }
      return !giveUp;
    });
    // Thrown after the attempt is committed, so the queue retries with its backoff.
    if (retry) throw new Error(`webhook delivery ${delivery.id} to endpoint ${endpoint.id} failed: ${failure}`);
  }
}
