import 'reflect-metadata';
import { closeSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateEnvironment } from '../../config/environment';
import { createBackupFile } from '../backup/backup-file';
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
  if (command === 'restore' && !existsSync(file)) throw new Error(`${file} does not exist`);
  if (command === 'backup') {
    // Created here, exclusively and private (it holds password hashes); removed if the backup fails.
    const fd = createBackupFile(file);
    try {
      await (env.DATABASE_URL ? backupServer(env.DATABASE_URL, fd, file, log) : backupEmbedded(env.DATA_DIR, fd, file, env.EMBEDDED_POSTGRES_OS_USER, log));
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    } finally {
      closeSync(fd);
    }
  } else if (env.DATABASE_URL) {
    await restoreServer(env.DATABASE_URL, file, log);
  } else {
    await restoreEmbedded(env.DATA_DIR, file, env.EMBEDDED_POSTGRES_OS_USER, log);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
