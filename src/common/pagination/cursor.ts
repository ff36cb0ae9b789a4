import { isUUID } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/** A position in a keyset-ordered list: the sort value of the last row and its id (the tie-break). */
export interface CursorPosition {
  key: string | number | null;
  id: string;
}

/** Opaque to clients: base64url of a small JSON tuple. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): CursorPosition {
  const malformed = DomainError.badInput(field, 'is not a cursor returned by this API');
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw malformed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw malformed;
  const [key, id] = parsed as unknown[];
  const keyIsValid = key === null || typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
  if (!keyIsValid || typeof id !== 'string' || !isUUID(id)) throw malformed;
  return { key: key, id };
}
