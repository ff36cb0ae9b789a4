import { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The expiry times of a caller's hits in the window, oldest first; the live ones start at `head`. */
interface Hits {
  expirations: number[];
  head: number;
}

interface CallerRecord {
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
  hits: Map<string, Hits>;
}

/** How often callers without live hits are forgotten (as @nestjs/throttler's own storage). */
const SWEEP_EVERY_MS = 60_000;
/** Expired hits are dropped from the front of the list once this many have gathered. */
const COMPACT_AFTER = 1_024;

/**
 * The rate-limit counters in this process, with the semantics of @nestjs/throttler's
 * ThrottlerStorageService (a sliding window of hits per caller, then a block for blockDuration),
 * at a constant cost per request. That one filters the caller's whole list of hits on every
 * request: a token polling 2,000 times a second kept ~100,000 of them, and the filtering was a
 * fifth of the CPU of a 304 (docs/benchmarks.md). Hits expire in the order they were made, so
 * here the expired ones are skipped from the front.
 */
export class LocalThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly records = new Map<string, CallerRecord>();
  private sweep: NodeJS.Timeout | null = null;

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    return Promise.resolve(this.count(key, ttl, limit, blockDuration, throttlerName, Date.now()));
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    this.records.clear();
  }

  private count(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string, now: number): StorageRecord {
    this.sweep ??= setInterval(() => this.forgetIdle(Date.now()), SWEEP_EVERY_MS).unref();
    let record = this.records.get(key);
    if (!record) {
      record = { expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false, hits: new Map() };
      this.records.set(key, record);
    }
    let hits = record.hits.get(throttlerName);
    if (!hits) {
      hits = { expirations: [], head: 0 };
      record.hits.set(throttlerName, hits);
    }
    dropExpired(hits, now);
    let timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    }
    if (blockDuration <= 0) {
      const isBlocked = live(hits) >= limit;
      if (!isBlocked) addHit(hits, now + ttl);
      const timeToBlockExpire = live(hits) ? Math.ceil((hits.expirations[hits.head] - now) / 1000) : timeToExpire;
      return { totalHits: live(hits) + (isBlocked ? 1 : 0), timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToBlockExpire : 0 };
    }
    if (!record.isBlocked) addHit(hits, now + ttl);
    if (live(hits) > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((record.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      // The block is over: the window starts again with this hit.
      record.isBlocked = false;
      hits.expirations = [];
      hits.head = 0;
      addHit(hits, now + ttl);
    }
    return { totalHits: live(hits), timeToExpire, isBlocked: record.isBlocked, timeToBlockExpire };
  }

  private forgetIdle(now: number): void {
    for (const [key, record] of this.records) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      if ([...record.hits.values()].some((hits) => hits.expirations.length > hits.head && hits.expirations[hits.expirations.length - 1] > now)) continue;
      this.records.delete(key);
    }
  }
}

function live(hits: Hits): number {
  return hits.expirations.length - hits.head;
}

function dropExpired(hits: Hits, now: number): void {
  const { expirations } = hits;
  while (hits.head < expirations.length && expirations[hits.head] <= now) hits.head++;
  if (hits.head >= COMPACT_AFTER && hits.head * 2 >= expirations.length) {
    hits.expirations = expirations.slice(hits.head);
    hits.head = 0;
  }
}

/** In expiry order; a hit with a shorter ttl than the ones before it (a ttl that changed) is sorted in. */
function addHit(hits: Hits, expiresAt: number): void {
  const { expirations } = hits;
  let i = expirations.length;
  expirations.push(expiresAt);
  while (i > hits.head && expirations[i - 1] > expiresAt) {
    expirations[i] = expirations[i - 1];
    i--;
  }
  expirations[i] = expiresAt;
}
