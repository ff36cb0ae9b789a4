import { GraphQLError } from 'graphql';
import { ErrorCode, ErrorSubcode } from '../common/errors/error-codes';

/**
 * One subscriber's events, as the async iterator graphql-js reads a subscription from. At most
 * `capacity` events wait for a client that reads slowly: one more, and the queue is emptied and
 * the subscription ends with TOO_MANY_REQUESTS (subcode SLOW_SUBSCRIBER), so a client that stops
 * reading cannot make the process hold events without bound. `beforeSend` runs before each
 * event is handed out (the subscriber's access check); if it throws, the subscription ends with
 * that error and nothing more is sent.
 */
export class SubscriberQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private finished = false;
  /** The error the iterator still has to throw (once), after which it is done. */
  private failure: Error | null = null;

  constructor(
    private readonly capacity: number,
    private readonly onEnd: () => void,
    private readonly beforeSend: () => Promise<void> = async () => undefined,
  ) {}

  /** How many events wait (for tests and the benchmark's sanity). */
  get length(): number {
    return this.items.length;
  }

  get ended(): boolean {
    return this.finished;
  }

  push(item: T): void {
    if (this.finished) return;
    if (this.waiting && this.items.length === 0) {
      // A reader is waiting: the access check runs on the way out, as for queued events.
      const waiting = this.waiting;
      this.waiting = null;
      this.handOut(item).then(waiting.resolve, waiting.reject);
      return;
    }
    if (this.items.length >= this.capacity) {
      this.fail(
        new GraphQLError(`this subscription fell ${this.capacity} events behind and was ended; subscribe again and re-fetch`, {
          extensions: { code: ErrorCode.TOO_MANY_REQUESTS, subcode: ErrorSubcode.SLOW_SUBSCRIBER },
        }),
      );
      return;
    }
    this.items.push(item);
  }

  /** Ends the subscription with an error (delivered to the reader once), dropping what waits. */
  fail(error: Error): void {
    if (this.finished) return;
    this.end();
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.reject(error);
    } else {
      this.failure = error;
    }
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
    if (this.items.length) return this.handOut(this.items.shift() as T);
    if (this.finished) return { value: undefined, done: true };
    if (this.waiting) throw new Error('SubscriberQueue.next called while a call is pending');
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The reader stopped (the client completed the subscription or went away). */
  async return(): Promise<IteratorResult<T>> {
    this.end();
    this.failure = null;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.resolve({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private async handOut(item: T): Promise<IteratorResult<T>> {
    try {
      await this.beforeSend();
    } catch (error) {
      this.end();
      this.failure = null;
      throw error;
    }
    return { value: item, done: false };
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    this.items.length = 0;
    this.onEnd();
  }
}
