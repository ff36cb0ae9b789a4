import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for passphrases; bounded so hashing cannot be made expensive. */
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused, as a message key the pages translate. */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'repetitive' | 'containsEmail';

let commonPasswords: ReadonlySet<string> | null = null;

/** assets/passwords/common-passwords.txt of the repository, found by walking up from this file (src or dist). */
function loadCommonPasswords(): ReadonlySet<string> {
  if (commonPasswords) return commonPasswords;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'assets', 'passwords', 'common-passwords.txt');
    if (existsSync(candidate)) {
      const lines = readFileSync(candidate, 'utf8').split('\n');
      commonPasswords = new Set(lines.filter((line) => line && !line.startsWith('#')).map((line) => line.trim()));
      return commonPasswords;
    }
    if (dirname(dir) === dir) throw new Error('assets/passwords/common-passwords.txt not found');
    dir = dirname(dir);
  }
}

/**
 * NIST SP 800-63B 5.1.1.2: at least 12 characters (counted as Unicode code
 * points, spaces allowed), no composition rules, and not a commonly used,
 * repetitive or context-specific value. Returns null when the password may be used.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lower = password.normalize('NFKC').toLowerCase();
  if (loadCommonPasswords().has(lower)) return 'common';
  if (isRepetitive(lower)) return 'repetitive';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return 'containsEmail';
  return null;
}

/** One short unit repeated ("abcabcabcabc", "aaaaaaaaaaaa") or a plain run of consecutive characters ("123456789012"). */
function isRepetitive(text: string): boolean {
  const chars = [...text];
  for (let unit = 1; unit <= Math.floor(chars.length / 3); unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const step = codes[1] - codes[0];
  if (Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step)) return true;
  // Digits wrap around: 123456789012.
  return /^\d+$/.test(text) && '12345678901234567890123456789012345678901234567890'.includes(text);
}
