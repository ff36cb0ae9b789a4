import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { PublicEvent, PublicEventInput } from './public-event';
import { DISPATCH_TASK, PublicEventsRepository } from './public-events.repository';

/** Hands a committed event to one kind of consumer. Runs again if the dispatch is retried: must be idempotent. */
export type PublicEventConsumer = (event: PublicEvent) => Promise<void>;

export interface ConsumerOptions {
  /**
   * SQL that is true when this consumer may have something to do with an event (e.g. `EXISTS
   * (SELECT 1 FROM webhook_endpoint e WHERE e.active AND event.type = ANY(e.event_types))`),
   * evaluated in the publishing statement on the row written, `event` (its `type`,
   * `recommendation_id`, `indicator_id`, `organization_ids`). When no consumer's interest holds,
   * no dispatch job is added. Without it, every event is dispatched.
   */
  interest?: string;
}

/** Dispatch attempts before an event is given up (about a day of graphile-worker's exponential backoff). */
export const DISPATCH_MAX_ATTEMPTS = 25;

/**
 * The one path by which public happenings leave the service. A feature calls `publish(tx, …)` in
 * the transaction of its write, beside `NotificationsService.notify` for staff; at commit the
 * event's id is announced on PUBLIC_EVENTS_CHANNEL (live subscriptions listen there) and its
 * dispatch job hands it to every registered consumer (webhooks, e-mail followers), each of which
 * keeps its own once-only record, so a retried dispatch repeats nothing that already happened.
 */
@Injectable()
export class PublicEventsService implements OnModuleInit {
  private readonly logger = new Logger('PublicEvents');
  private readonly consumers = new Map<string, PublicEventConsumer>();
  private readonly interests = new Map<string, string>();

  constructor(
    private readonly repository: PublicEventsRepository,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DISPATCH_TASK, (payload) => this.dispatch((payload as { eventId: string }).eventId));
  }

  /** Registers a consumer (in its provider's onModuleInit); `name` appears in logs and must be unique. */
  registerConsumer(name: string, consumer: PublicEventConsumer, options: ConsumerOptions = {}): void {
    if (this.consumers.has(name)) throw new Error(`public event consumer "${name}" is registered twice`);
    this.consumers.set(name, consumer);
    this.interests.set(name, options.interest ? `(${options.interest})` : 'true');
  }

  /** Whether an event needs its dispatch job, as SQL: any consumer's interest (false with no consumer). */
  private interest(): string {
    const interests = [...this.interests.values()];
    return interests.length ? interests.join(' OR ') : 'false';
  }

  /** Records the event in the caller's transaction (one statement); returns its id. */
  publish(manager: EntityManager, event: PublicEventInput): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('publish needs the EntityManager of an open transaction');
    return this.repository.insert(manager, event, DISPATCH_MAX_ATTEMPTS, this.interest());
  }

  /** Records many events in the caller's transaction, in one statement (an import's rows); returns their ids. */
  publishMany(manager: EntityManager, events: readonly PublicEventInput[]): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('publishMany needs the EntityManager of an open transaction');
    return this.repository.insertMany(manager, events, DISPATCH_MAX_ATTEMPTS, this.interest());
  }

  /** A stored event (subscriptions read what an announcement names). */
  find(id: string): Promise<PublicEvent | null> {
    return this.repository.find(id);
  }

  /** Events stored after a moment, oldest first (a listener catching up after its connection was lost). */
  since(after: Date, limit: number): Promise<PublicEvent[]> {
    return this.repository.since(after, limit);
  }

  /**
   * The dispatch job: every consumer, in turn. A consumer that throws makes the job retry, and
   * the retry runs every consumer again, which their once-only records make harmless.
   */
  async dispatch(eventId: string): Promise<void> {
    const event = await this.repository.find(eventId);
    if (!event) {
      this.logger.warn(`public event ${eventId} is gone: nothing to dispatch`);
      return;
    }
    const failures: string[] = [];
    for (const [name, consumer] of this.consumers) {
      try {
        await consumer(event);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`public event ${event.type} ${event.id} not fully dispatched (${failures.join('; ')})`);
  }
}
