import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataVersion, DataVersionService } from '../data-version/data-version.service';
import { LiveEventHub } from './live-event-hub';

/** With read replicas (or DATA_VERSION_LISTEN=false) there is no NOTIFY to follow: the version is read this often. */
const POLL_MS = 2_000;

/**
 * Feeds `dataVersionChanged`: from DataVersionService's own listener (its LISTEN on data_version,
 * no second connection), which learns of this instance's commits at once and of other
 * instances' by NOTIFY. Where the service reads the version from SQL instead (replicas, a
 * transaction-pooling PgBouncer), it is read every POLL_MS while someone subscribes.
 */
@Injectable()
export class DataVersionFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DataVersionFeed');
  private stopListening: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private lastSent: bigint | null = null;

  constructor(
    private readonly dataVersion: DataVersionService,
    private readonly hub: LiveEventHub,
  ) {}

  onModuleInit(): void {
    if (this.dataVersion.listens) {
      this.stopListening = this.dataVersion.onAdvance((version) => this.send(version));
      return;
    }
    this.pollTimer = setInterval(() => {
      if (this.hub.dataVersionSubscribers === 0) return;
      this.dataVersion.current().then(
        (version) => this.send(version),
        (error: unknown) => this.logger.warn(`data version not read: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, POLL_MS);
    this.pollTimer.unref();
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** The version now, for a new subscriber's first message. */
  current(): Promise<DataVersion> {
    return this.dataVersion.current();
  }

  private send(version: DataVersion): void {
    const number = BigInt(version.version);
    if (this.lastSent !== null && number <= this.lastSent) return;
    this.lastSent = number;
    this.hub.publishDataVersion(version);
  }
}
