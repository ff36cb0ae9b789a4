import { GraphqlError, GraphqlResponse } from './test-app';

/** The codes the contract allows in `extensions.code`. */
export const CONTRACT_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
] as const;

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

/**
 * Asserts that the response failed with exactly one error of `code` (and, when
 * given, a message mentioning `mentions`, e.g. the offending field) and returns it.
 */
export function expectError(res: GraphqlResponse, code: ContractErrorCode, mentions?: string | RegExp): GraphqlError {
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0];
  expect(error.extensions?.code).toBe(code);
  if (mentions !== undefined) expect(error.message).toMatch(mentions);
  return error;
}
