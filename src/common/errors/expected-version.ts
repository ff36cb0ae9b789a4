import { DomainError } from './domain-error';

/**
 * The record an update is about, checked before anything is written: NOT_FOUND when there is
 * none, CONFLICT (details: `field: 'expectedVersion'`, `currentVersion`) when the caller said
 * which version it edited and the record has moved on since. The write itself checks the
 * version again in SQL (src/database/versioned-update.ts), so a change in between is caught too.
 */
export function assertExpectedVersion<T extends { version: number }>(
  entity: string,
  id: string,
  current: T | null,
  expectedVersion: number | null | undefined,
): T {
  if (!current) throw DomainError.notFound(entity, id);
  if (expectedVersion != null && expectedVersion !== current.version) {
    throw staleVersion(entity, id, current.version, expectedVersion);
  }
  return current;
}

/** CONFLICT (STALE_VERSION): the record is at `currentVersion`, not the one the caller edited. */
export function staleVersion(entity: string, id: string, currentVersion: number | null, expectedVersion?: number | null): DomainError {
  const message =
    expectedVersion != null && currentVersion != null
      ? `${entity} ${id} is at version ${currentVersion}, not ${expectedVersion}`
      : `${entity} ${id} was changed concurrently; reload it and retry`;
  return DomainError.staleVersion(message, { field: 'expectedVersion', ...(currentVersion != null ? { currentVersion } : {}) });
}
