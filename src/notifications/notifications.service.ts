import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import type { Notification } from './notification.entity';
import type { NotificationEvent } from './notification-event';
import { NotificationsRepository } from './notifications.repository';

/** The job that turns an event into notifications. */
export const DELIVER_TASK = 'notifications.deliver';

/** The most notifications a person's list shows. */
export const NOTIFICATION_LIST_LIMIT = 100;

/**
 * Who is told what, through which channel. Features call `notify(manager, event)` inside the
 * transaction of the write that causes it: that only enqueues a delivery job (one statement), so a
 * rolled-back write tells nobody and a committed one cannot be lost. The job works out the
 * recipients (NotificationsRepository.deliver: the audience, then the rules every delivery applies)
 * and writes one notification each, once per event and person however often it runs.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DELIVER_TASK, (payload) => this.deliver(payload as NotificationEvent).then(() => undefined));
  }

  /** Enqueues the event's delivery in the caller's transaction. */
  notify(manager: EntityManager, event: NotificationEvent): Promise<void> {
    return this.jobs.enqueueInTransaction(manager, DELIVER_TASK, event, { jobKey: `deliver:${event.kind}:${event.occurrence}` });
  }

  /** Writes the event's notifications (the delivery job); returns how many were new. */
  async deliver(event: NotificationEvent): Promise<number> {
    const written = await this.repository.transaction((tx) => this.repository.deliver(tx, event));
    if (written.length) this.logger.debug(`${event.kind} ${event.occurrence}: ${written.length} notified`);
    return written.length;
  }

  list(userId: string, limit = NOTIFICATION_LIST_LIMIT): Promise<Notification[]> {
    return this.repository.listFor(userId, limit);
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  markRead(userId: string, id: string): Promise<boolean> {
    return this.repository.markRead(userId, id);
  }

  markAllRead(userId: string): Promise<number> {
    return this.repository.markAllRead(userId);
  }
}
