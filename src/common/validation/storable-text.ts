/**
 * Text PostgreSQL cannot store: NUL (text columns refuse it: "invalid byte sequence")
 * and halves of UTF-16 surrogate pairs without their other half (no UTF-8 encoding).
 * Refused at the edge so that they become a coded client error, not a 500 half way
 * through a write or a cut download.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Deeper than any input type of the API; beyond it a value is refused, not walked (see the body depth limit). */
const MAX_WALK_DEPTH = 64;

/**
 * The path of the first string inside `value` (objects and arrays walked) that
 * cannot be stored, e.g. `input.participants.1.role`; null when every string can.
 */
export function findUnstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return null;
  // Arguments as parsed from GraphQL, JSON and query strings: arrays and plain objects. Anything
  // else (an upload's Buffer above all: a walk would visit each of its bytes) is not text input.
  if (!Array.isArray(value) && !isPlainObject(value)) return null;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], join(String(i)), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return join('?');
    const found = findUnstorableText(item, join(key), depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Spaces and the invisible characters people paste with text (zero-width space/joiners, word joiner, BOM, Mongolian vowel separator). */
const EDGE_BLANKS = /^[\s\u180E\u200B-\u200D\u2060\uFEFF]+|[\s\u180E\u200B-\u200D\u2060\uFEFF]+$/g;

/**
 * Text as stored: Unicode NFC (so "é" typed two ways is one spelling) without
 * blanks or invisible characters at either end; text made only of those is empty.
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(EDGE_BLANKS, '');
}
