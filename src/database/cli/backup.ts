import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateEnvironment } from '../../config/environment';
import { backupEmbedded, restoreEmbedded } from '../backup/embedded-backup';
import { backupServer, restoreServer } from '../backup/server-backup';

/**
 * `npm run backup -- FILE` and `npm run restore -- FILE` (see docs/operations.md):
 * on DATABASE_URL, pg_dump/pg_restore; on the embedded database, an online copy
 * through the low-level backup API, restored into a DATA_DIR without a database.
 */
async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !target) {
    throw new Error('usage: npm run backup -- FILE | npm run restore -- FILE');
  }
  if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');
  const env = validateEnvironment(process.env);
  const file = resolve(target);
  const log = (message: string) => console.log(message);
  if (command === 'backup' && existsSync(file)) throw new Error(`${file} exists: choose a new file name (a backup never overwrites one)`);
  if (command === 'restore' && !existsSync(file)) throw new Error(`${file} does not exist`);
  if (env.DATABASE_URL) {
    await (command === 'backup' ? backupServer(env.DATABASE_URL, file, log) : restoreServer(env.DATABASE_URL, file, log));
  } else {
    const run = command === 'backup' ? backupEmbedded : restoreEmbedded;
    await run(env.DATA_DIR, file, env.EMBEDDED_POSTGRES_OS_USER, log);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
