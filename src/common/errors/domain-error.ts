import { ErrorCode, ErrorSubcode } from './error-codes';

/**
 * An expected failure with a code clients can act on. Services throw these;
 * the error filter turns them into GraphQL errors (or HTTP problems).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${entity} ${id} does not exist`, { entity, id });
  }

  /** `details`: e.g. a `reason` code a client can pick its own message by, and the values for it. */
  static badInput(field: string, message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { ...details, field });
  }

  /** CONFLICT because the record moved on since the caller read it (`subcode: STALE_VERSION`). */
  static staleVersion(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, { ...details, subcode: ErrorSubcode.STALE_VERSION });
  }

  /** CONFLICT because a unique code, name or address is taken (`subcode: DUPLICATE`). */
  static duplicate(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, { ...details, subcode: ErrorSubcode.DUPLICATE });
  }
}
