import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { FormattedExecutionResult } from 'graphql';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { AppConfig } from '../config/app-config.service';
import { stringifyWithRawJson } from '../common/raw-json';
import { DataVersionService } from '../data-version/data-version.service';

/**
 * A cached answer: its HTTP body as Apollo writes it (the early answers send it as it is, see
 * EarlyAnswerMiddleware), and the data version it was read at. Only the body is kept, not the
 * result's objects, so that the entries' budget (their bodies' bytes) is what they hold.
 */
export interface CachedAnswer {
  body: Buffer;
  version: bigint;
}

/** A query operation this process has labelled: enough to answer it again before Apollo parses it. */
export interface KnownOperation {
  /** Its root fields, each charged against the caller's rate limit. */
  rootFields: number;
}

/** The codings cached answers are kept in, besides the body as it is. */
export const ANSWER_ENCODINGS = ['br', 'gzip'] as const;
/** A content coding a cached answer can be sent in, as the client's Accept-Encoding chose it. */
export type AnswerEncoding = (typeof ANSWER_ENCODINGS)[number];

/** Smaller answers go as they are, as the compression middleware leaves them (its default threshold). */
export const COMPRESS_FROM_BYTES = 1024;

/** How many (document, operation name) pairs are remembered for early answers. */
const KNOWN_OPERATIONS = 10_000;

/** How often, at most, an unreachable Redis is logged. */
const WARN_EVERY_MS = 30_000;

/**
 * Whole answers of GraphQL queries: in process, bounded by their serialised size, and,
 * with REDIS_URL, shared by every instance in Redis. Keys carry the data version (see
 * ResponseCachePlugin), so a write makes every older entry unreachable at once: here they are
 * dropped when the version advances (at a write a second, they would otherwise fill the budget
 * within minutes), in Redis they age out (a TTL). A Redis that is away only costs executions.
 */
@Injectable()
export class ResponseCacheService implements OnModuleDestroy {
  readonly enabled: boolean;
  private readonly logger = new Logger('ResponseCache');
  private readonly entries: LRUCache<string, CachedAnswer>;
  private readonly operations = new LRUCache<string, KnownOperation>({ max: KNOWN_OPERATIONS });
  /** Compressed bodies of cached answers, made on a first hit that asks for them; a quarter of the answers' budget. */
  private readonly encodedBodies: LRUCache<string, Buffer>;
  private readonly redis: Redis | null;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private lastWarning = 0;

  constructor(config: AppConfig, versions: DataVersionService) {
    this.enabled = config.get('RESPONSE_CACHE');
    this.entries = new LRUCache<string, CachedAnswer>({
      maxSize: config.get('RESPONSE_CACHE_MAX_BYTES'),
      sizeCalculation: (entry) => Math.max(1, entry.body.length),
      // An answer's compressed bodies go with it.
      dispose: (_entry, key) => ANSWER_ENCODINGS.forEach((encoding) => this.encodedBodies.delete(encodedSlot(encoding, key))),
    });
    this.encodedBodies = new LRUCache<string, Buffer>({
      maxSize: Math.max(1, Math.floor(config.get('RESPONSE_CACHE_MAX_BYTES') / 4)),
      sizeCalculation: (body) => Math.max(1, body.length),
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
    if (this.enabled) versions.onAdvance(({ version }) => this.dropOlderThan(BigInt(version)));
  }

  /** The answer cached under `key` (a label of data `version`, see AnswerLabeller). */
  async get(key: string, version: string): Promise<CachedAnswer | undefined> {
    const local = this.entries.get(key);
    if (local || !this.redis) return local;
    let json: string | null;
    try {
      json = await this.redis.get(this.prefix + key);
    } catch (error) {
      this.warn(error);
      return undefined;
    }
    if (json === null) return undefined;
    const entry = { body: httpBody(json), version: BigInt(version) };
    this.entries.set(key, entry);
    return entry;
  }

  async set(key: string, version: string, result: FormattedExecutionResult): Promise<void> {
    // One serialisation per stored answer: Redis and the early answers use it (written as Apollo writes it).
    const json = stringifyWithRawJson(result);
    this.entries.set(key, { body: httpBody(json), version: BigInt(version) });
    if (!this.redis) return;
    try {
      await this.redis.set(this.prefix + key, json, 'EX', this.ttlSeconds);
    } catch (error) {
      this.warn(error);
    }
  }

  /**
   * The cached answer's body in a content coding, compressed once per entry and coding rather than on
   * every hit (brotli at quality 4 and gzip at level 6, the compression middleware's own defaults).
   */
  encodedBody(key: string, answer: CachedAnswer, encoding: AnswerEncoding): Buffer {
    const slot = encodedSlot(encoding, key);
    let body = this.encodedBodies.get(slot);
    if (!body) {
      body =
        encoding === 'br'
          ? brotliCompressSync(answer.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: answer.body.length } })
          : gzipSync(answer.body, { level: 6 });
      this.encodedBodies.set(slot, body);
    }
    return body;
  }

  /**
   * The result a cached answer's body holds, for Apollo to send (ResponseCachePlugin): parsed again,
   * on the hits the early answers cannot give (an operation this process has not labelled yet).
   */
  resultOf(answer: CachedAnswer): FormattedExecutionResult {
    return JSON.parse(answer.body.toString('utf8')) as FormattedExecutionResult;
  }

  /** Remembers a query operation of a document, once labelled (see EarlyAnswerMiddleware). */
  rememberOperation(queryHash: string, operationName: string | null, operation: KnownOperation): void {
    this.operations.set(operationKey(queryHash, operationName), operation);
  }

  knownOperation(queryHash: string, operationName: string | null): KnownOperation | undefined {
    return this.operations.get(operationKey(queryHash, operationName));
  }

  /** Entries held in this process (tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets this process's entries and known operations (tests: to show an answer coming from Redis, or from Apollo). */
  clearLocal(): void {
    this.entries.clear();
    this.operations.clear();
    this.encodedBodies.clear();
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  /**
   * Drops the entries read at a version older than `version`. Nothing labels an answer with an
   * older version than the newest it has seen, except a read on a lagging replica, for which a
   * dropped entry only costs an execution.
   */
  private dropOlderThan(version: bigint): void {
    const older: string[] = [];
    this.entries.forEach((entry, key) => entry.version < version && older.push(key));
    for (const key of older) this.entries.delete(key);
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(`Redis unreachable (${error instanceof Error ? error.message : String(error)}); answers cached per instance meanwhile`);
  }
}

function encodedSlot(encoding: AnswerEncoding, key: string): string {
  return `${encoding}\n${key}`;
}

function operationKey(queryHash: string, operationName: string | null): string {
  return `${queryHash}\n${operationName ?? ''}`;
}

/** As Apollo writes a single result: the JSON and a newline. */
function httpBody(json: string): Buffer {
  return Buffer.from(`${json}\n`);
}
