import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { FormattedExecutionResult } from 'graphql';
import { AppConfig } from '../config/app-config.service';

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

/**
 * Whole answers of GraphQL queries, in process, bounded by their serialised size.
 * Keys carry the data version (see ResponseCachePlugin), so a write makes every
 * older entry unreachable at once; they then age out of the LRU.
 */
@Injectable()
export class ResponseCacheService {
  readonly enabled: boolean;
  private readonly entries: LRUCache<string, Entry>;

  constructor(config: AppConfig) {
    this.enabled = config.get('RESPONSE_CACHE');
    this.entries = new LRUCache<string, Entry>({
      maxSize: config.get('RESPONSE_CACHE_MAX_BYTES'),
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
  }

  get(key: string): FormattedExecutionResult | undefined {
    return this.entries.get(key)?.result;
  }

  set(key: string, result: FormattedExecutionResult): void {
    // JSON length in UTF-16 units: close enough to bytes for a bound, and one pass per stored answer.
    const bytes = JSON.stringify(result).length;
    this.entries.set(key, { result, bytes });
  }

  /** For tests and diagnostics. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
