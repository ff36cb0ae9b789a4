import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openNotificationListener } from '../database/notification-listener';
import { primaryConnectionConfig } from '../database/primary-connection';
import type { PublicEvent } from '../public-events/public-event';
import { PUBLIC_EVENTS_CHANNEL } from '../public-events/public-events.repository';
import { PublicEventsService } from '../public-events/public-events.service';
import { LiveEventHub } from './live-event-hub';

/** Waits between attempts to re-open a lost listening connection: 1 s, doubling up to 30 s. */
const RECONNECT_FIRST_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** Ids of events already handed to subscribers, kept so that a catch-up after a loss repeats none. */
const REMEMBERED_IDS = 2_000;
/**
 * A catch-up after a lost connection reads the events stored this long before the last one seen:
 * occurred_at is taken at insert, so a transaction that inserted earlier may commit later.
 */
const CATCH_UP_OVERLAP_MS = 60_000;
const CATCH_UP_MAX_EVENTS = 1_000;

/**
 * ONE `LISTEN public_events` connection per instance, for every live subscriber of the instance:
 * each announced event (its id, notified at commit by whichever instance wrote it) is read once
 * and fanned out in process by the LiveEventHub. Events are read only while someone subscribes.
 * A lost connection is opened again with backoff; the events committed meanwhile are then read
 * from the table (a window before the last one seen) and those not yet sent are sent.
 */
@Injectable()
export class PublicEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PublicEventsListener');
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private stopped = false;
  /** Events are handed out one after another, in the order they were announced. */
  private chain: Promise<void> = Promise.resolve();
  private readonly delivered = new Set<string>();
  /** When the newest event handed out occurred (a catch-up reads from a window before it). */
  private lastOccurredAt: Date | null = null;
  private lostAt: Date | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: PublicEventsService,
    private readonly hub: LiveEventHub,
  ) {}

  /** True while the LISTEN connection is up (health, tests). */
  get listening(): boolean {
    return this.client !== null;
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.listen();
    } catch (error) {
      this.lose(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.chain;
  }

  /** For tests: drops the connection as a network failure would. */
  simulateLoss(): void {
    this.lose(new Error('simulated loss'));
  }

  private async listen(): Promise<void> {
    const client = await openNotificationListener(
      primaryConnectionConfig(this.db),
      PUBLIC_EVENTS_CHANNEL,
      'roundtable-tracker public-events listener',
      (payload) => this.enqueue(() => this.announced(payload)),
      (error) => {
        if (this.client === client) this.lose(error);
      },
    );
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    if (this.lostAt) {
      const since = new Date((this.lastOccurredAt ?? this.lostAt).getTime() - CATCH_UP_OVERLAP_MS);
      this.lostAt = null;
      this.logger.log('public-events listener re-established; sending the events committed meanwhile');
      this.enqueue(() => this.catchUp(since));
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.logger.warn(`public event not handed to subscribers: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async announced(id: string | undefined): Promise<void> {
    if (!id || this.delivered.has(id) || this.hub.publicEventSubscribers === 0) return;
    const event = await this.events.find(id);
    if (event) this.deliver(event);
  }

  private async catchUp(since: Date): Promise<void> {
    if (this.hub.publicEventSubscribers === 0) return;
    for (const event of await this.events.since(since, CATCH_UP_MAX_EVENTS)) {
      if (!this.delivered.has(event.id)) this.deliver(event);
    }
  }

  private deliver(event: PublicEvent): void {
    this.delivered.add(event.id);
    if (this.delivered.size > REMEMBERED_IDS) this.delivered.delete(this.delivered.values().next().value as string);
    if (!this.lastOccurredAt || event.occurredAt > this.lastOccurredAt) this.lastOccurredAt = event.occurredAt;
    this.hub.publishPublicEvent(event);
  }

  private lose(error: unknown): void {
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    this.lostAt ??= new Date();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`public-events listener ${client ? 'lost' : 'not connected'} (${reason}); retrying in ${this.reconnectDelay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().catch((retryError: unknown) => {
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
        this.lose(retryError);
      });
    }, this.reconnectDelay);
    // Never keeps the process alive by itself.
    this.reconnectTimer.unref();
  }
}
