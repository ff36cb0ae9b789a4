import { AsyncLocalStorage } from 'node:async_hooks';

interface Tally {
  statements: number;
}

/**
 * Counts the SQL statements issued while serving one request. The count follows
 * the request's async context, DataLoader batches included, so tests and the
 * benchmark can assert "a page of 100 costs what a page of 1 costs".
 */
export class SqlStatementCounter {
  private static readonly storage = new AsyncLocalStorage<Tally>();

  static run<T>(fn: () => T): T {
    return SqlStatementCounter.storage.run({ statements: 0 }, fn);
  }

  static increment(): void {
    const tally = SqlStatementCounter.storage.getStore();
    if (tally) tally.statements += 1;
  }

  static current(): number | undefined {
    return SqlStatementCounter.storage.getStore()?.statements;
  }

  /** The running tally itself, to read when the response is written (which may be in another async context). */
  static tally(): Readonly<Tally> | undefined {
    return SqlStatementCounter.storage.getStore();
  }
}
