/**
 * Paces background work that shares the machine with the API (the daily reminder sweep): after each
 * step it pauses in proportion to the step's duration, so that its steps take at most `busyPercent`
 * of the time the whole work spans, as PostgreSQL's autovacuum cost delay keeps vacuum from starving
 * queries. 100: no pauses.
 */
export class DutyCyclePacer {
  private readonly pauseFactor: number;

  constructor(
    busyPercent: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(busyPercent > 0 && busyPercent <= 100)) throw new RangeError(`busyPercent must be in (0, 100], not ${busyPercent}`);
    this.pauseFactor = (100 - busyPercent) / busyPercent;
  }

  /** Runs one step, then (unless it is the last) pauses for its share of idle time. */
  async step<T>(work: () => Promise<T>, { last = false } = {}): Promise<T> {
    const started = this.now();
    const result = await work();
    const pause = (this.now() - started) * this.pauseFactor;
    if (!last && pause > 0) await this.sleep(pause);
    return result;
  }
}
