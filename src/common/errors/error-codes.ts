/** The codes a client may see in `extensions.code` (see the API contract). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** Beyond the contract's list: the rate limit was reached (HTTP 429, Retry-After). */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * `extensions.subcode`: where clients act differently within one of the contract's codes. The
 * contract fixes `code` to its list, so the split is an addition beside it, never a replacement.
 */
export enum ErrorSubcode {
  /** CONFLICT: the record moved on since the caller read it; re-read it, re-apply, send again. */
  STALE_VERSION = 'STALE_VERSION',
  /** CONFLICT: a unique code, name or address is taken; choose another (retrying cannot help). */
  DUPLICATE = 'DUPLICATE',
  /** CONFLICT: two writes met in the database; send the same request again. */
  CONCURRENT_WRITE = 'CONCURRENT_WRITE',
  /** BAD_USER_INPUT (HTTP 400): the operation is over a depth, cost or root-field limit (`extensions.limit`). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** TOO_MANY_REQUESTS: a subscriber read events slower than they came and was dropped; subscribe again and re-fetch. */
  SLOW_SUBSCRIBER = 'SLOW_SUBSCRIBER',
}
