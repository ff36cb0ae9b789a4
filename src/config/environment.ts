import { LOCALES } from '../i18n/locales';
import type { Locale } from '../i18n/locales';
import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
const GRAPHQL_EXECUTIONS = ['compiled', 'interpreted'] as const;

/** "true"/"false" (any case) to boolean; anything else is kept so validation names it. */
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** "false"/"true" or a number of proxy hops. */
const toProxyHops = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '') return 0;
  if (v === 'true') return 1;
  return /^\d+$/.test(v) ? Number(v) : value;
};

/** "ru, en,ky" to ['ru', 'en', 'ky']; validation then names anything that is not a locale. */
const toLocaleList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim().toLowerCase())
        .filter((v) => v !== '')
    : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An integer, or undefined when unset or empty (the default then depends on other variables). */
const toOptionalInt = ({ value }: { value: unknown }): unknown => toInt({ value: emptyToUndefined({ value }) });

/** A key prefix in the Redis that deployments may share (RESPONSE_CACHE_REDIS_PREFIX, RATE_LIMIT_REDIS_PREFIX). */
const IsRedisKeyPrefix = (name: string) =>
  applyDecorators(IsString(), Matches(/^[A-Za-z0-9:_.-]{1,100}$/, { message: `${name} must be 1-100 letters, digits or :_.-` }));

/**
 * Every variable the service reads, with its default. Validated once at boot:
 * a bad value stops the process with a message naming the variable.
 * Keep in step with .env.example.
 */
export class Environment {
  /**
   * `development`, `production` or `test`. Outside `production`, each start rewrites `schema.gql`
   * in the working directory and unexpected errors keep their message
   */
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  /**
   * HTTP port for `/graphql` and `/health`
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * `postgres://` or `postgresql://` URL of a PostgreSQL 15+ server. When unset, the service runs
   * its own embedded PostgreSQL under `DATA_DIR`
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * connections to the database (1–200), per server: the primary and each replica (or the embedded
   * server) get a pool of this size
   *
   * The embedded server's default is smaller: it serves one service on one machine, and each
   * connection is a PostgreSQL process of its own (~8 MB once busy; see docs/operations.md, Memory).
   * @default 10; 4 on the embedded database
   */
  @Transform(toOptionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  /**
   * reads run as named prepared statements, parsed once per connection and planned from
   * PostgreSQL's plan cache (see docs/operations.md); `false` sends each one unnamed, as needed
   * behind a transaction-pooling PgBouncer older than 1.21
   */
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /**
   * PostgreSQL's JIT compilation on the service's connections. Off by default (`SET jit = off` on
   * each new connection): the service's statements take milliseconds, and compiling one whose
   * estimated cost passes `jit_above_cost` took 50–500 ms of CPU (docs/operations.md); `true` keeps
   * the server's own `jit` setting
   */
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_JIT = false;

  /**
   * comma-separated `postgres://` URLs of streaming read replicas of `DATABASE_URL`. Queries read
   * from a replica (picked per statement); writes, transactions and the answer of a mutation use
   * the primary. A replica may lag: a query right after a mutation can still show the old state.
   * See docs/scaling.md
   *
   * Streaming read replicas of DATABASE_URL, comma-separated postgres:// URLs. Reads outside a
   * transaction go to a replica; writes, transactions and a mutation's own answer go to
   * DATABASE_URL.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\s*postgres(ql)?:\/\/[^\s,]+\s*(,\s*postgres(ql)?:\/\/[^\s,]+\s*)*$/, {
    message: 'DATABASE_REPLICA_URLS must be a comma-separated list of postgres:// or postgresql:// URLs',
  })
  DATABASE_REPLICA_URLS?: string;

  /**
   * where the embedded database keeps its files (the cluster in `DATA_DIR/postgres`). One service
   * per directory: a second one is refused
   */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /**
   * run as root, the embedded PostgreSQL runs as this unprivileged OS user (PostgreSQL refuses
   * root); created as a system user when missing
   */
  @IsString()
  @Matches(/^[a-z_][a-z0-9_-]{0,31}$/, { message: 'EMBEDDED_POSTGRES_OS_USER must be a valid OS user name' })
  EMBEDDED_POSTGRES_OS_USER = 'tracker-postgres';

  /**
   * apply pending migrations at start
   */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /**
   * on the first start of an empty **embedded** database, load the Sokuluk sample. Never applies to
   * `DATABASE_URL`
   */
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO = true;

  /**
   * `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`
   */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * json (one JSON object a line) or pretty (readable lines)
   *
   * Unset: pretty when stdout is a terminal, else JSON (files, containers).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(LOG_FORMATS, { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: LogFormat;

  /**
   * IANA time zone for the calendar "today": overdue, the current year, whether a period has
   * started
   *
   * The calendar "today" (overdue, year ends) is taken in this IANA time zone.
   */
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'APP_TIMEZONE must be an IANA time zone such as Asia/Bishkek' })
  APP_TIMEZONE = 'Asia/Bishkek';

  /**
   * accepted as an ADMIN token named `bootstrap-admin`; at least 32 characters
   *
   * Accepted as an ADMIN token named bootstrap-admin (for the first tokens). At least 32
   * characters.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ADMIN_TOKEN must be at least 32 characters' })
  @MaxLength(512)
  ADMIN_TOKEN?: string;

  /**
   * anonymous callers read as `VIEWER`
   *
   * Anonymous callers may read (as VIEWER) without a token.
   */
  @Transform(toBoolean)
  @IsBoolean()
  PUBLIC_READ = false;

  /**
   * the public progress pages (`/`, `/recommendations`, `/meetings`, `/indicators/…`,
   * `/organisations/…`, `/changes.atom`); `false` answers them 404
   *
   * The public progress pages (/, /recommendations, ... /changes.atom) for anonymous readers.
   */
  @Transform(toBoolean)
  @IsBoolean()
  PUBLIC_SITE = true;

  /**
   * language of the pages when neither `?lang=`, the `lang` cookie nor `Accept-Language` chooses
   * one: `ky`, `ru` or `en`
   */
  @IsIn(LOCALES)
  DEFAULT_LOCALE: Locale = 'ru';

  /**
   * language content is written in by default: what the migration makes of existing single-language
   * texts, what the API reads and writes when the request has no `Accept-Language`, the language of
   * exports without `lang` (`ky`, `ru`, `en`)
   */
  @IsIn(LOCALES)
  DEFAULT_CONTENT_LOCALE: Locale = 'en';

  /**
   * where a text is missing in the reader's language, these locales are tried in order after it
   * (locales not listed come last): ky → ru → en, ru → en → ky, en → ru → ky
   *
   * Where a reader's language has no text: these locales in order (comma-separated), after the
   * requested one; locales not listed come last. The default gives ky → ru → en, ru → en → ky and
   * en → ru → ky.
   */
  @Transform(toLocaleList)
  @IsIn(LOCALES, { each: true, message: 'CONTENT_FALLBACK_LOCALES must be a comma-separated list of ky, ru and en' })
  @ArrayUnique({ message: 'CONTENT_FALLBACK_LOCALES must not name a locale twice' })
  CONTENT_FALLBACK_LOCALES: Locale[] = ['ru', 'en', 'ky'];

  /**
   * introspection for anonymous callers, and suggestions, in production (always on elsewhere)
   *
   * Callers with a token may always introspect (and GET /graphql/schema.graphql); this opens
   * both to anonymous callers too.
   */
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_INTROSPECTION = false;

  /**
   * `compiled`: operations run compiled by graphql-jit (~25 % more throughput on large answers);
   * `interpreted`: by graphql-js, the reference
   *
   * How operations are executed: `compiled` by graphql-jit (the default, ~25 % more throughput on
   * large answers) or `interpreted` by graphql-js (the reference; a way back should a query ever
   * answer differently).
   */
  @IsIn(GRAPHQL_EXECUTIONS)
  GRAPHQL_EXECUTION: (typeof GRAPHQL_EXECUTIONS)[number] = 'compiled';

  /**
   * `true`: pages of recommendations are assembled with one statement for their nested lists
   * (with `GRAPHQL_EXECUTION=compiled`)
   *
   * Whether a `recommendations` query is answered by the page assembler: the page's meetings,
   * barriers, organisations and status histories written as JSON by PostgreSQL in one statement,
   * with no resolver per field (src/graphql/page-assembler). The answers are the same; `false` is
   * the way back should one ever differ. Only with `GRAPHQL_EXECUTION=compiled`.
   */
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_PAGE_ASSEMBLY = true;

  /**
   * deepest query nesting
   *
   * Deepest selection nesting a query may have.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /**
   * highest estimated query cost
   *
   * A connection counts `first` (or `last`) items, every other list as many as the data holds (the
   * table's rows for `barriers`, `organizations`, `people`…; the most any one parent has for
   * `Barrier.recommendations`, `Recommendation.barriers`…; three for translations), measured from
   * the database (list-bounds.ts). At scale 1 of the synthetic data (20,000 recommendations) the
   * largest answer admitted stays under 20 MB.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(10_000_000)
  GRAPHQL_MAX_COMPLEXITY = 100_000;

  /**
   * seconds a measured bound of the unpaginated lists is used in the cost estimate
   *
   * Seconds the measured lengths of unpaginated lists (rows per table, most rows per parent)
   * are used before they are measured again for the cost estimate; 0 measures on every operation.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  GRAPHQL_LIST_BOUNDS_MAX_AGE = 60;

  /**
   * most root fields (aliases included) per operation
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_ROOT_FIELDS = 15;

  /**
   * largest JSON body
   *
   * Largest accepted JSON request body, e.g. 100kb.
   */
  @Matches(/^\d+(b|kb|mb)$/, { message: 'REQUEST_BODY_LIMIT must look like 100kb or 1mb' })
  REQUEST_BODY_LIMIT = '100kb';

  /**
   * requests worked on at once; the others wait their turn
   *
   * Requests (once their body is read) worked on at once by this instance; others wait, first come
   * first served, and a slot frees when an answer's headers go out. A few at a time answer a
   * burst sooner and with less memory than all at once (docs/operations.md, Memory). /health
   * and uploads do not wait.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_CONCURRENT_REQUESTS = 8;

  /**
   * requests per minute per token (a GraphQL operation counts once)
   *
   * Requests per minute per token (a GraphQL operation counts once, however many root fields it has; it is checked before anything executes).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * requests per minute per IP for anonymous readers
   *
   * Requests per minute per IP address for anonymous readers (PUBLIC_READ).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 120;

  /**
   * Redis (`redis://` or `rediss://`) holding the rate-limit counters and the shared response
   * cache, so that several instances enforce one limit per caller; unset: each instance counts on
   * its own. If Redis becomes unreachable, instances fall back to counting on their own and log a
   * warning (see docs/operations.md)
   *
   * Redis shared by every instance for the rate limits (redis:// or rediss://, e.g.
   * redis://127.0.0.1:6379/0); unset: each instance counts on its own.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * with `REDIS_URL`, the key prefix of the rate-limit counters in Redis (one prefix per
   * deployment sharing a Redis, or their callers would share one budget)
   */
  @IsRedisKeyPrefix('RATE_LIMIT_REDIS_PREFIX')
  RATE_LIMIT_REDIS_PREFIX = 'tracker:rate:';

  /**
   * comma-separated http(s) origins allowed to call the API from a browser
   *
   * Comma-separated origins allowed by CORS (browser dashboards); empty: no cross-origin access.
   * Allowed origins may send `authorization`, `content-type`, `if-none-match`, `x-request-id`, the
   * CSRF-prevention headers `apollo-require-preflight` and `x-apollo-operation-name`,
   * `apollographql-client-name`/`-version` and `x-min-data-version`; they may read `etag`,
   * `x-data-version`, `x-request-id`, `content-language`, `retry-after` and `x-ratelimit-*`.
   */
  @IsString()
  @MaxLength(2000)
  @Matches(/^(\s*https?:\/\/[^\s,]+\s*)?(,\s*https?:\/\/[^\s,]+\s*)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS = '';

  /**
   * largest file (bytes) that `POST /imports/indicator-values` and `npm run import` accept (5 MB);
   * a larger upload is refused with HTTP 413
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  IMPORT_MAX_BYTES = 5 * 1024 * 1024;

  /**
   * most data rows in one import file; more is refused with a 400
   *
   * Most data rows (the header not counted) one import may hold.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  IMPORT_MAX_ROWS = 50_000;

  /**
   * most bytes an XLSX import may unpack to (32 MiB; 50,000 ordinary rows are ~20 MB). Checked in
   * the archive's directory before anything is unpacked, with at most 1,000 entries and no entry
   * over 1 MiB compressed more than 200 times, and counted while unpacking; beyond it the file is
   * refused with a 400
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024 * 1024)
  @Max(1024 * 1024 * 1024)
  IMPORT_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;

  /**
   * reverse proxies in front of the service (`true` = 1). With one, the client IP (sign-in
   * throttling) and https (the `Secure` session cookie) come from `X-Forwarded-For`/`-Proto`
   *
   * Reverse proxies in front of the service (0: none): client IP and https are then read from
   * X-Forwarded-*.
   */
  @Transform(toProxyHops)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;

  /**
   * the address people open; the start of every absolute link (Atom feeds, hreflang, invitation and first-admin links)
   *
   * An http(s) URL with a host name and optionally a path; no credentials, query or fragment.
   * Never taken from the request's Host header.
   * @default http://localhost:PORT
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) URL with a host name and optionally a path (no credentials, query or fragment)',
  })
  PUBLIC_BASE_URL?: string;

  /**
   * a signed-in session ends after this many minutes without a request
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /**
   * and this many hours after sign-in at most
   *
   * A signed-in session ends this many hours after sign-in, however active.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_ABSOLUTE_HOURS = 12;

  /**
   * invitation and password-reset links stay valid this long (and work once)
   *
   * How long an invitation or password-reset link stays valid.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  ACCOUNT_LINK_TTL_HOURS = 72;

  /**
   * failed sign-ins per email address within the window before further attempts are refused
   *
   * Failed sign-ins for one email address within SIGN_IN_WINDOW_MINUTES before it is refused.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 5;

  /**
   * failed sign-ins per IP address within the window before further attempts are refused
   *
   * Failed sign-ins from one IP address within SIGN_IN_WINDOW_MINUTES before it is refused.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGN_IN_MAX_FAILURES_PER_IP = 30;

  /**
   * the window over which failed sign-ins are counted
   *
   * The window over which failed sign-ins are counted (and how long a throttle lasts at most).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SIGN_IN_WINDOW_MINUTES = 15;

  /**
   * adds an `x-sql-statements` header to GraphQL responses (benchmarks and tests only: the counting
   * costs about a fifth of the throughput)
   */
  @Transform(toBoolean)
  @IsBoolean()
  EXPOSE_SQL_STATEMENT_COUNT = false;

  /**
   * keeps the data version in memory through `LISTEN`/`NOTIFY` on one extra connection to the
   * primary (see "Caching" in docs/api.md); `false` reads it with one SQL lookup per query, as behind a
   * transaction-pooling PgBouncer, which does not keep a `LISTEN`. Ignored with
   * `DATABASE_REPLICA_URLS` (always SQL)
   *
   * The data version held in memory, kept current by LISTEN on a connection of its own (see
   * DataVersionService); false reads it from SQL for every query, e.g. behind a transaction-pooling
   * PgBouncer, where a LISTEN is not kept. Read replicas always read it from SQL.
   */
  @Transform(toBoolean)
  @IsBoolean()
  DATA_VERSION_LISTEN = true;

  /**
   * how often (seconds) a live GraphQL subscription's credentials are checked again before an
   * event is sent: a revoked token or a deactivated user gets nothing more after at most this long
   *
   * Seconds between re-checks of a subscriber's token (revoked, owner deactivated) at send time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SUBSCRIPTION_ACCESS_RECHECK_SECONDS = 30;

  /**
   * events waiting for one slow subscriber before its subscription is ended with
   * `TOO_MANY_REQUESTS` (`subcode: SLOW_SUBSCRIBER`): bounds the memory a client that does not
   * read can hold
   *
   * Events queued per subscription before a client that does not read is dropped.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SUBSCRIPTION_QUEUE_LIMIT = 100;

  /**
   * caches GraphQL query answers per data version, caller scope, document, variables, locale and
   * day; sends `ETag` and answers `If-None-Match` with `304` (see "Caching" in docs/api.md)
   */
  @Transform(toBoolean)
  @IsBoolean()
  RESPONSE_CACHE = true;

  /**
   * bytes of answers the in-process cache keeps (least recently used dropped first)
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024 * 1024)
  @Max(4 * 1024 * 1024 * 1024)
  RESPONSE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

  /**
   * `Cache-Control: public, max-age` (seconds) of anonymous answers when `PUBLIC_READ=true`;
   * `stale-while-revalidate` is twice it
   *
   * max-age (seconds) of anonymous (PUBLIC_READ) query answers, for browsers and CDNs;
   * stale-while-revalidate is twice it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  RESPONSE_CACHE_PUBLIC_MAX_AGE = 10;

  /**
   * with `REDIS_URL`, the key prefix of the answers every instance shares in Redis (one prefix per
   * deployment sharing a Redis)
   */
  @IsRedisKeyPrefix('RESPONSE_CACHE_REDIS_PREFIX')
  RESPONSE_CACHE_REDIS_PREFIX = 'tracker:answer:';

  /**
   * how long an answer stays in Redis (older data versions are unreachable anyway; this frees
   * memory)
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3600)
  RESPONSE_CACHE_REDIS_TTL_SECONDS = 3600;

  /**
   * this instance runs jobs (mail, reminders, digests) from the queue in PostgreSQL; `false` only
   * adds them, for an instance that serves requests while others work. The queue's schema is
   * created at start either way
   *
   * Whether this instance works the job queue; false only enqueues (jobs wait for an instance that works).
   */
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_WORKER = true;

  /**
   * jobs this instance runs at once
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  JOBS_CONCURRENCY = 2;

  /**
   * how often (milliseconds) an idle worker looks for jobs that became due; new jobs are announced
   * at once (`LISTEN`/`NOTIFY`)
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  JOBS_POLL_INTERVAL_MS = 2000;

  /**
   * how long (seconds) a working instance's lease on its workers lasts without renewal (renewed every
   * third of it): the jobs of an instance that died (killed, machine lost) are freed for the others
   * once its lease has lapsed, instead of after graphile-worker's 4-hour lock timeout
   */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(3600)
  JOBS_WORKER_LEASE_SECONDS = 60;

  /**
   * the days before a due date (a recommendation's, an indicator period's reporting deadline) on
   * which the people responsible are reminded, comma-separated, e.g. `14,3`; they are also reminded
   * on the day and weekly while it is late
   */
  @Matches(/^\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*$/, { message: 'REMINDER_DAYS_BEFORE must be whole numbers of days separated by commas, e.g. 14,3' })
  REMINDER_DAYS_BEFORE = '14,3';

  /**
   * the days late after which an editor is told as well (an ESCALATION, once per item)
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  ESCALATION_AFTER_DAYS = 14;

  /**
   * the hour of the day (in APP_TIMEZONE) from which the daily reminder sweep sends that day's reminders
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  REMINDER_HOUR = 6;

  /**
   * the share of time (percent) the daily reminder sweep may work while it runs: it writes each rule's
   * reminders in a transaction of its own and pauses after each in proportion, so that the API it
   * shares the machine and the database with keeps its throughput (as autovacuum's cost delay does).
   * 100: no pauses
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  REMINDER_SWEEP_BUSY_PERCENT = 10;

  /**
   * the hour of the day (in APP_TIMEZONE) at which daily digests (and, on Mondays, weekly digests) of
   * notifications are mailed to those who chose them; a digest lists what arrived before that hour
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 7;

  /**
   * the SMTP server notifications and account links are mailed through, e.g.
   * `smtp://user:password@mail.example.kg:587` or `smtps://…:465`. Unset: notifications stay in the
   * application (the log says so once at start)
   *
   * SMTP server for mail (smtp:// or smtps://, credentials in the URL); unset: no mail is sent.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /**
   * the sender of every mail, an address or `Name <address>`
   */
  @IsString()
  @MaxLength(320)
  @Matches(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, { message: 'MAIL_FROM must be an address or "Name <address>"' })
  MAIL_FROM = 'Roundtable tracker <no-reply@localhost>';

  /**
   * confirmation mails one e-mail address may be sent per day for following records (more
   * requests get the same answer page and send nothing)
   *
   * Confirmation mails sent to one address within 24 hours when following records by e-mail.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;

  /**
   * requests to follow a record by e-mail from one IP address per hour (the page form and the
   * followByEmail mutation alike; more get the same answer and send nothing)
   *
   * Follow requests from one IP address within an hour.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  FOLLOW_REQUESTS_PER_IP_PER_HOUR = 20;

  /**
   * days an unconfirmed follow (and its confirmation link) is kept before the daily clean-up
   * deletes it with its address
   *
   * Days before an unconfirmed follow is deleted.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  FOLLOW_CONFIRM_DAYS = 7;

  /**
   * let webhook endpoints be on loopback, private, link-local or other internal addresses (and on
   * plain http). Off, such endpoints are refused when registered and at each delivery, on the
   * address actually connected to (DNS rebinding). For tests and closed networks only
   */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = false;

  /**
   * how long (milliseconds) a webhook delivery waits for the endpoint's answer before the attempt
   * counts as failed (and is retried)
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOKS_TIMEOUT_MS = 10_000;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (!isValidTimeZone(env.APP_TIMEZONE)) {
    throw new Error(`Invalid configuration: APP_TIMEZONE "${env.APP_TIMEZONE}" is not a known time zone`);
  }
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
