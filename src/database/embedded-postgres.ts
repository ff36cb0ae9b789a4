import { mkdirSync } from 'node:fs';
import { types } from '@electric-sql/pglite';
import { PGliteDriver } from 'typeorm-pglite';
// The pool class is not re-exported from the package root.
import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool';

/**
 * PGlite is one PostgreSQL backend behind one connection. typeorm-pglite hands
 * that connection to every caller at once, so two concurrent transactions would
 * interleave their statements. This pool lends the connection to one TypeORM
 * query runner at a time (FIFO), which gives the embedded database the same
 * transaction isolation a real pool gives.
 */
class SerializedPGlitePool extends PGlitePool {
  private tail: Promise<void> = Promise.resolve();

  override connect(callback: (err: unknown, client: PGlitePool | null, release: () => void) => void): Promise<void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    return previous.then(() =>
      super.connect((err: unknown, client: PGlitePool | null) => {
        let released = false;
        callback(err, client, () => {
          if (!released) {
            released = true;
            release();
          }
        });
      }),
    );
  }
}

/** The `driver` option for a TypeORM postgres DataSource backed by PGlite. */
export function embeddedPostgresDriver(dataDir: string | undefined): unknown {
  // 'memory://' keeps the database in memory (tests); anything else is a directory.
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // Sets the process-wide PGlite options; the instance is created on first connect.
  new PGliteDriver({
    ...(dataDir ? { dataDir } : {}),
    // Same as the pg driver (see data-source-options): DATE stays a YYYY-MM-DD string.
    parsers: { [types.DATE]: (value: string) => value },
  });
  return class {
    static Pool = SerializedPGlitePool;
  };
}
