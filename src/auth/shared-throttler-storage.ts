import { Logger, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LocalThrottlerStorage } from './local-throttler-storage';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often, at most, an unreachable Redis is logged (every refused request would flood the log). */
const WARN_EVERY_MS = 30_000;

/**
 * The rate-limit counters in Redis (REDIS_URL), so that every instance counts
 * against one budget per caller: N instances enforce one limit, not N. When Redis
 * cannot be reached, each instance falls back to counting on its own (as without
 * REDIS_URL) and says so in the log: a limiter outage must not stop the service. Every key
 * starts with `prefix` (RATE_LIMIT_REDIS_PREFIX), so that deployments sharing one Redis
 * (production and staging, or two test runs) keep their callers' budgets apart.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new LocalThrottlerStorage();
  private lastWarning = 0;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    this.shared = new ThrottlerStorageRedisService(redisUrl, {
      // Fail fast instead of queueing requests behind a Redis that is away.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    // ioredis reconnects by itself; without a listener its errors would be unhandled.
    this.shared.redis.on('error', (error: Error) => this.warn(error));
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    try {
      return await this.shared.increment(this.prefix + key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.warn(error);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onModuleDestroy(): void {
    this.shared.onModuleDestroy();
    this.local.onApplicationShutdown();
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(`Redis unreachable (${error instanceof Error ? error.message : String(error)}); counting rate limits per instance meanwhile`);
  }
}
