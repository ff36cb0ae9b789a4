import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import type { DataVersion } from '../data-version/data-version.service';
import type { PublicEvent, PublicEventType } from '../public-events/public-event';
import { SubscriberQueue } from './subscriber-queue';

/** What one `publicEvent` subscription asks for; every filter given must hold (null: any). */
export interface PublicEventFilter {
  types: PublicEventType[] | null;
  recommendationId: string | null;
  indicatorId: string | null;
  organizationId: string | null;
}

export function matchesFilter(filter: PublicEventFilter, event: PublicEvent): boolean {
  return (
    (!filter.types?.length || filter.types.includes(event.type)) &&
    (filter.recommendationId === null || filter.recommendationId === event.recommendationId) &&
    (filter.indicatorId === null || filter.indicatorId === event.indicatorId) &&
    (filter.organizationId === null || event.organizationIds.includes(filter.organizationId))
  );
}

/**
 * The in-process pub/sub of live updates: this instance's subscribers, each with its bounded
 * queue (SubscriberQueue). Fed by PublicEventsListener (events of every instance, by NOTIFY) and
 * DataVersionFeed; read by the subscription resolvers.
 */
@Injectable()
export class LiveEventHub implements OnModuleDestroy {
  private readonly eventSubscribers = new Map<SubscriberQueue<PublicEvent>, PublicEventFilter>();
  private readonly versionSubscribers = new Set<SubscriberQueue<DataVersion>>();
  private readonly capacity: number;

  constructor(config: AppConfig) {
    this.capacity = config.get('SUBSCRIPTION_QUEUE_LIMIT');
  }

  get publicEventSubscribers(): number {
    return this.eventSubscribers.size;
  }

  get dataVersionSubscribers(): number {
    return this.versionSubscribers.size;
  }

  /** A new subscriber to the events `filter` matches; `beforeSend` runs before each is handed out. */
  subscribePublicEvents(filter: PublicEventFilter, beforeSend: () => Promise<void>): SubscriberQueue<PublicEvent> {
    const queue: SubscriberQueue<PublicEvent> = new SubscriberQueue(this.capacity, () => this.eventSubscribers.delete(queue), beforeSend);
    this.eventSubscribers.set(queue, filter);
    return queue;
  }

  subscribeDataVersion(beforeSend: () => Promise<void>): SubscriberQueue<DataVersion> {
    const queue: SubscriberQueue<DataVersion> = new SubscriberQueue(this.capacity, () => this.versionSubscribers.delete(queue), beforeSend);
    this.versionSubscribers.add(queue);
    return queue;
  }

  publishPublicEvent(event: PublicEvent): void {
    for (const [queue, filter] of this.eventSubscribers) {
      if (matchesFilter(filter, event)) queue.push(event);
    }
  }

  publishDataVersion(version: DataVersion): void {
    for (const queue of this.versionSubscribers) queue.push(version);
  }

  /** Shutdown: every subscription ends (graphql-ws has closed the sockets by then, or is about to). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.eventSubscribers.keys(), ...this.versionSubscribers].map((queue) => queue.return()));
  }
}
