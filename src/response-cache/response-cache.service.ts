import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { FormattedExecutionResult } from 'graphql';
import { AppConfig } from '../config/app-config.service';

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

/** How often, at most, an unreachable Redis is logged. */
const WARN_EVERY_MS = 30_000;

/**
 * Whole answers of GraphQL queries: in process, bounded by their serialised size, and,
 * with REDIS_URL, shared by every instance in Redis. Keys carry the data version (see
 * ResponseCachePlugin), so a write makes every older entry unreachable at once; they then
 * age out (LRU here, a TTL in Redis). A Redis that is away only costs executions.
 */
@Injectable()
export class ResponseCacheService implements OnModuleDestroy {
  readonly enabled: boolean;
  private readonly logger = new Logger('ResponseCache');
  private readonly entries: LRUCache<string, Entry>;
  private readonly redis: Redis | null;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private lastWarning = 0;

  constructor(config: AppConfig) {
    this.enabled = config.get('RESPONSE_CACHE');
    this.entries = new LRUCache<string, Entry>({
      maxSize: config.get('RESPONSE_CACHE_MAX_BYTES'),
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
    this.prefix = config.get('RESPONSE_CACHE_REDIS_PREFIX');
    this.ttlSeconds = config.get('RESPONSE_CACHE_REDIS_TTL_SECONDS');
    const url = config.get('REDIS_URL');
    this.redis =
      this.enabled && url
        ? new Redis(url, {
            // Fail fast: a cache that waits for Redis is slower than executing.
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: 2_000,
            commandTimeout: 500,
          })
        : null;
    // ioredis reconnects by itself; without a listener its errors would be unhandled.
    this.redis?.on('error', (error: Error) => this.warn(error));
  }

  async get(key: string): Promise<FormattedExecutionResult | undefined> {
    const local = this.entries.get(key);
    if (local || !this.redis) return local?.result;
    let json: string | null;
    try {
      json = await this.redis.get(this.prefix + key);
    } catch (error) {
      this.warn(error);
      return undefined;
    }
    if (json === null) return undefined;
    const result = JSON.parse(json) as FormattedExecutionResult;
    this.entries.set(key, { result, bytes: json.length });
    return result;
  }

  async set(key: string, result: FormattedExecutionResult): Promise<void> {
    const json = JSON.stringify(result);
    // UTF-16 units: close enough to bytes for a bound, and one pass per stored answer.
    this.entries.set(key, { result, bytes: json.length });
    if (!this.redis) return;
    try {
      await this.redis.set(this.prefix + key, json, 'EX', this.ttlSeconds);
    } catch (error) {
      this.warn(error);
    }
  }

  /** Entries held in this process (tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets this process's entries (tests: to show an answer coming from Redis). */
  clearLocal(): void {
    this.entries.clear();
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(`Redis unreachable (${error instanceof Error ? error.message : String(error)}); answers cached per instance meanwhile`);
  }
}
