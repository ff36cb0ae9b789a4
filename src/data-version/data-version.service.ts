import { Injectable } from '@nestjs/common';
import { DataVersionRepository } from './data-version.repository';

export interface DataVersion {
  /** Advances on every committed write to the public data (a bigint, as text). */
  version: string;
  /** When it last advanced; never goes back. */
  changedAt: Date;
}

/**
 * The data version kept in the database by triggers (migration DataVersion): one
 * primary-key lookup. Read it BEFORE the data it labels: the data read afterwards is
 * then at least as new as the label, so a cached copy is never labelled newer than it is.
 */
@Injectable()
export class DataVersionService {
  constructor(private readonly repository: DataVersionRepository) {}

  /** From a replica, or from the primary when `request` reads from it (see read-routing.ts). */
  async current(request: object | null = null): Promise<DataVersion> {
    const version = await this.repository.current(request);
    if (!version) throw new Error('data_version has no row: run the migrations');
    return version;
  }
}
