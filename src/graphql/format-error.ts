import { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors/error-codes';

/** Apollo's own request-level codes, folded into the contract's BAD_USER_INPUT. */
const INPUT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'BAD_USER_INPUT']);
const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));
/** Automatic persisted queries: Apollo clients resend the whole document when they see these codes. */
const PERSISTED_QUERY_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Last line of defence: every error leaves with a contract code and without a
 * stack; an unexpected error that did not pass the ErrorFilter shows no message in production.
 */
export function formatError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const rawCode = formatted.extensions?.code;
  const code = typeof rawCode === 'string' ? rawCode : ErrorCode.INTERNAL_SERVER_ERROR;
  if (INPUT_ERROR_CODES.has(code)) {
    // Apollo hides the hints of validation errors only; variable coercion ("$x got invalid value …") has them too.
    const message = production ? withoutSuggestions(formatted.message) : formatted.message;
    return { ...formatted, message, extensions: { ...withoutStack(formatted), code: ErrorCode.BAD_USER_INPUT } };
  }
  if (PERSISTED_QUERY_CODES.has(code)) return { ...formatted, extensions: withoutStack(formatted) };
  if (CONTRACT_CODES.has(code) && code !== String(ErrorCode.INTERNAL_SERVER_ERROR)) {
    return { ...formatted, extensions: withoutStack(formatted) };
  }
  const requestId = formatted.extensions?.requestId;
  const fromFilter = typeof requestId === 'string';
  return {
    message: fromFilter || !production ? formatted.message : 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { ...withoutStack(formatted), code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** graphql-js's suggestions (" Did you mean …?") name schema members: none in production. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

function withoutStack(formatted: GraphQLFormattedError): Record<string, unknown> {
  const { stacktrace: _stacktrace, ...rest } = formatted.extensions ?? {};
  return rest;
}
