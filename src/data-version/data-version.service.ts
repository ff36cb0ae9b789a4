import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { DataVersionRepository } from './data-version.repository';

export interface DataVersion {
  /** Advances on every committed write to the public data (a bigint, as text). */
  version: string;
  /** When it last advanced; never goes back. */
  changedAt: Date;
}

/** Waits between attempts to re-open a lost listening connection: 1 s, doubling up to 30 s. */
const RECONNECT_FIRST_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

/**
 * The data version kept in the database by triggers (migration DataVersion). Read it BEFORE the
 * data it labels: the data read afterwards is then at least as new as the label, so a cached
 * copy is never labelled newer than it is.
 *
 * On one primary (no replicas) it is held in memory and costs no statement: a connection of its
 * own LISTENs on the trigger's NOTIFY (migration DataVersionNotify). The rules that keep it right:
 * - Only committed versions enter memory (a NOTIFY is delivered after its commit; reads see
 *   committed rows), and memory only moves forward, so a label is never newer than the data.
 * - Read-your-writes in this instance: after each transaction this process commits, the version
 *   is read on the same connection and memory advanced, before the writer's response is sent.
 * - Other instances' writes arrive by NOTIFY; a caller that needs more (`atLeast`, from
 *   x-min-data-version) above memory gets the version read from SQL.
 * - No live listener, no memory: until the connection is back and the version re-read after
 *   LISTEN, every call reads SQL as before (logged once at warn per loss).
 * - With read replicas the version labels what the replica shows: read from SQL there, always
 *   (a standby cannot LISTEN, and may lag behind the NOTIFY of the primary). So it is with
 *   DATA_VERSION_LISTEN=false (e.g. behind a transaction-pooling PgBouncer, which drops a LISTEN).
 */
@Injectable()
export class DataVersionService implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface {
  private readonly logger = new Logger('DataVersion');
  /** The newest committed version this process knows; served only while `listener` is live. */
  private known: DataVersion | null = null;
  private listener: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private stopped = false;
  /** Set when the SQL fallback was logged; cleared when listening again. */
  private warned = false;

  /** Whether this instance keeps the version in memory: one primary, and DATA_VERSION_LISTEN on. */
  readonly listens: boolean;
  /** Told of every advance of memory (live subscriptions to the data version). */
  private readonly advanceListeners = new Set<(version: DataVersion) => void>();

  constructor(
    private readonly repository: DataVersionRepository,
    @InjectDataSource() db: DataSource,
    config: AppConfig,
  ) {
    this.listens = !repository.replicated && config.get('DATA_VERSION_LISTEN');
    // Told of every commit of this process's DataSource (afterTransactionCommit below).
    if (this.listens) db.subscribers.push(this);
  }

  /** True while the version is answered from memory (a live listener). */
  get inMemory(): boolean {
    return this.listener !== null && this.known !== null;
  }

  /**
   * From memory while listening; otherwise from a replica, or from the primary when `request`
   * reads from it (see read-routing.ts). `atLeast` (a version this caller has seen written) above
   * memory is read from SQL: another instance's NOTIFY may still be on its way.
   */
  async current(request: object | null = null, atLeast: bigint | null = null): Promise<DataVersion> {
    const known = this.listener ? this.known : null;
    if (known && (atLeast === null || BigInt(known.version) >= atLeast)) return known;
    const version = await this.repository.current(request);
    if (!version) throw new Error('data_version has no row: run the migrations');
    if (this.listens) this.advance(version);
    return version;
  }

  async onModuleInit(): Promise<void> {
    if (!this.listens) return;
    try {
      await this.listen();
    } catch (error) {
      this.lose(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /**
   * Read-your-writes: every commit of this process (GraphQL mutations, pages' forms, imports)
   * reads the version it reached on the same connection, before the writer's response is sent.
   * One statement per write transaction; none when not listening (reads then go to SQL anyway).
   */
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not a commit: the outer transaction is still open.
    if (!this.listener || event.queryRunner.isTransactionActive) return;
    try {
      const version = await this.repository.currentOn(event.queryRunner);
      if (version) this.advance(version);
    } catch (error) {
      // The write committed: do not fail it. Memory may now be behind it: read SQL until resynced.
      this.lose(error);
    }
  }

  private async listen(): Promise<void> {
    const client = await this.repository.listen(
      // May run before listen() has returned (a notification in the same packet as LISTEN's answer).
      (payload) => this.notified(payload),
      (error) => {
        if (this.listener === client) this.lose(error);
      },
    );
    try {
      // Read after LISTEN: a version committed before it was not notified to this connection.
      const version = await this.repository.currentOnListener(client);
      if (!version) throw new Error('data_version has no row: run the migrations');
      if (this.stopped) throw new Error('shutting down');
      this.advance(version);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    if (this.warned) this.logger.log('data-version listener re-established; the version is answered from memory again');
    this.warned = false;
  }

  private notified(payload: string | undefined): void {
    const version = parseNotification(payload);
    if (version) {
      this.advance(version);
      return;
    }
    // Not the trigger's payload: re-read rather than risk missing an advance.
    this.logger.warn(`unexpected notification on data_version (${String(payload).slice(0, 100)}); re-reading the version`);
    this.repository.current(null).then(
      (read) => read && this.advance(read),
      (error: unknown) => this.lose(error),
    );
  }

  /**
   * Calls `listener` with each newer committed version this process learns of (its own commits,
   * other instances' by NOTIFY), only while `listens`; returns the function that stops it.
   */
  onAdvance(listener: (version: DataVersion) => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  /** Memory moves forward only (notifications and reads may arrive in any order). */
  private advance(version: DataVersion): void {
    if (this.known && BigInt(version.version) <= BigInt(this.known.version)) return;
    this.known = version;
    for (const listener of this.advanceListeners) listener(version);
  }

  /** Back to SQL on every call until the listener is re-established; logged once at warn per loss. */
  private lose(error: unknown): void {
    const listener = this.listener;
    this.listener = null;
    void listener?.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(`data-version listener ${listener ? 'lost' : 'not connected'} (${reason}); reading the version from SQL until it is back`);
    } else {
      this.logger.debug(`data-version listener still not connected (${reason}); retrying in ${this.reconnectDelay} ms`);
    }
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

/** The trigger's payload: {"version": "<bigint as text>", "changedAt": "<ISO time>"}; null if it is not that. */
export function parseNotification(payload: string | undefined): DataVersion | null {
  try {
    const parsed = JSON.parse(payload ?? '') as { version?: unknown; changedAt?: unknown };
    if (typeof parsed.version !== 'string' || !/^\d{1,19}$/.test(parsed.version) || typeof parsed.changedAt !== 'string') return null;
    const changedAt = new Date(parsed.changedAt);
    return Number.isNaN(changedAt.getTime()) ? null : { version: parsed.version, changedAt };
  } catch {
    return null;
  }
}
