import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';

export type { FieldErrors } from '../forms/field-errors';

/**
 * A posted form through the same class-validator input class the GraphQL API
 * validates (one source of truth for the rules). Returns the typed input, or
 * the names of the invalid fields.
 */
export async function validateForm<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): Promise<{ input: T; invalid: null } | { input: null; invalid: string[] }> {
  const input = plainToInstance(type, plain);
  const errors = await validate(input, { whitelist: true, forbidUnknownValues: false });
  if (errors.length === 0) return { input, invalid: null };
  return { input: null, invalid: flatten(errors) };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => (e.children?.length ? flatten(e.children, `${prefix}${e.property}.`) : [`${prefix}${e.property}`]));
}

/** A posted body field as a string ('' when absent or repeated). */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The field a domain error names (details.field or the "field: …" prefix of its message), if any. */
export function errorField(error: DomainError): string | null {
  if (typeof error.details.field === 'string') return error.details.field;
  const match = /^([A-Za-z]+): /.exec(error.message);
  return match ? match[1] : null;
}

/** A same-site path to return to after sign-in; anything else (another host, //evil) becomes /work. */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/work';
  return next.slice(0, 500);
}
