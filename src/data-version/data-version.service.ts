import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readQuery } from '../database/read-routing';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** From a replica, or from the primary when `request` reads from it (see read-routing.ts). */
  async current(request: object | null = null): Promise<DataVersion> {
    const [row] = await readQuery<{ version: string; changed_at: Date }>(
      this.db,
      request,
      'SELECT "version", "changed_at" FROM "data_version" WHERE "id"',
    );
    if (!row) throw new Error('data_version has no row: run the migrations');
    return { version: String(row.version), changedAt: new Date(row.changed_at) };
  }
}
