import { isUUID } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { isStorableText } from '../validation/storable-text';

/** A position in a keyset-ordered list: the sort value of the last row and its id (the tie-break). */
export interface CursorPosition {
  key: string | number | null;
  id: string;
}

/**
 * Opaque to clients: base64url of [list, key, id]. The list name (e.g.
 * "meetings", "recommendations:DUE_DATE:ASC") ties a cursor to the list and
 * ordering it came from, so it cannot be replayed against another.
 */
export function encodeCursor(list: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([list, position.key, position.id]), 'utf8').toString('base64url');
}

/**
 * The one cursor decoder: anything but a cursor this list wrote (not base64url, not
 * UTF-8, not JSON, not [list, key, id], a key PostgreSQL cannot hold) is BAD_USER_INPUT
 * on `field`, so no forged cursor reaches SQL.
 */
export function decodeCursor(cursor: string, list: string, field = 'after'): CursorPosition {
  const malformed = DomainError.badInput(field, 'is not a cursor returned by this list');
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw malformed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(cursor, 'base64url')));
  } catch {
    throw malformed;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== list) throw malformed;
  const [, key, id] = parsed as unknown[];
  // A key with NUL or a lone surrogate would reach PostgreSQL as text it cannot hold (a 500, not a client error).
  const keyIsValid = key === null || (typeof key === 'string' && isStorableText(key)) || (typeof key === 'number' && Number.isFinite(key));
  if (!keyIsValid || typeof id !== 'string' || !isUUID(id)) throw malformed;
  return { key, id };
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A cursor key that is a timestamp as the lists write them (Date#toISOString). Date.parse
 * alone accepts "1" or "2024", which PostgreSQL then refuses to cast (a 500, not a client error).
 */
export function isCursorTimestamp(key: unknown): key is string {
  return typeof key === 'string' && ISO_TIMESTAMP.test(key) && !Number.isNaN(Date.parse(key)) && new Date(key).toISOString() === key;
}
