import { QueryFailedError } from 'typeorm';

/**
 * SQLSTATEs of a database that cannot store what it is given: disk full (53100),
 * out of memory (53200), an I/O error (58030), or a file it cannot write
 * (58P01/58P02 are about files missing or duplicated; not counted).
 */
const STORAGE_CODES: Record<string, string> = {
  '53100': 'disk full',
  '53200': 'out of memory',
  '58030': 'I/O error',
};

export interface StorageFailure {
  code: string;
  reason: string;
  at: Date;
}

/**
 * The last write the database refused for lack of storage, until a transaction
 * commits again: /health reports the database unable to write meanwhile (a ping
 * still answers when the disk is full). One per process: the error filters that
 * see the failures are made without injection, and a process runs one service.
 */
class StorageFailures {
  private last: StorageFailure | null = null;

  /** Remembers `error` if it is a storage failure of the database; anything else is ignored. */
  record(error: unknown): void {
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown } | undefined)?.code : undefined;
    if (typeof code !== 'string' || !(code in STORAGE_CODES)) return;
    this.last = { code, reason: STORAGE_CODES[code], at: new Date() };
  }

  /** A transaction committed: the database writes again. */
  clear(): void {
    this.last = null;
  }

  get current(): StorageFailure | null {
    return this.last;
  }
}

export const storageFailures = new StorageFailures();
