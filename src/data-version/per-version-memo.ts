import { DataVersionService } from './data-version.service';

/**
 * Reads kept for one data version, by what they read: for reads that change only with a write,
 * which moves the version on. Kept only while the version is held in memory (a live listener:
 * knowing it costs no statement); without one, every call reads. Bounded: past `max` distinct
 * reads within one version, it starts over.
 */
export class PerVersionMemo {
  private readonly kept = new Map<string, Promise<unknown>>();
  private keptVersion: string | null = null;

  constructor(
    private readonly versions: DataVersionService,
    private readonly max = 500,
  ) {}

  async get<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.versions.inMemory) return read();
    const { version } = await this.versions.current();
    if (version !== this.keptVersion) {
      this.kept.clear();
      this.keptVersion = version;
    }
    let value = this.kept.get(key) as Promise<T> | undefined;
    if (!value) {
      if (this.kept.size >= this.max) this.kept.clear();
      value = read();
      this.kept.set(key, value);
      // A failed read is not kept: the next call reads again.
      value.catch(() => this.kept.delete(key));
    }
    return value;
  }
}
