export type { FieldErrors } from '../forms/field-errors';

/** A same-site path to return to after sign-in; anything else (another host, //evil) becomes /work. */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/work';
  return next.slice(0, 500);
}
