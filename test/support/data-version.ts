import { DataVersionService } from '../../src/data-version/data-version.service';
import { TestApp } from './test-app';

/** The data version stored in the database, as any instance would read it. */
export async function storedVersion(app: TestApp): Promise<bigint> {
  return BigInt((await app.sql<{ version: string }>('SELECT "version" FROM "data_version"'))[0].version);
}

/**
 * Waits (bounded) until an instance knows at least `version`: another instance's write reaches
 * it by NOTIFY, so it may take the notification's delivery time. Fails after `timeoutMs`.
 */
export async function waitForVersion(app: TestApp, version: string | bigint, timeoutMs = 2_000): Promise<number> {
  const versions = app.app.get(DataVersionService);
  const started = Date.now();
  for (;;) {
    if (BigInt((await versions.current()).version) >= BigInt(version)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`the instance did not see data version ${version} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits (bounded) until `condition` holds, e.g. the listener is lost or back. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
