import { constants, lstatSync, openSync } from 'node:fs';

/**
 * Creates a backup file for writing: exclusively (O_CREAT | O_EXCL: an existing
 * file, or a symlink even to nowhere, is refused, never written through), without
 * following a symlink (O_NOFOLLOW), readable by its owner only (0600: a backup
 * holds password hashes). Returns the open descriptor; the backup writes into it.
 */
export function createBackupFile(file: string): number {
  const exists = (() => {
    try {
      lstatSync(file);
      return true;
    } catch {
      return false;
    }
  })();
  const refuse = () => new Error(`${file} exists: choose a new file name (a backup never overwrites one, nor writes through a link)`);
  if (exists) throw refuse();
  const nofollow = typeof constants.O_NOFOLLOW === 'number' ? constants.O_NOFOLLOW : 0;
  try {
    return openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | nofollow, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ELOOP') throw refuse();
    throw error;
  }
}
