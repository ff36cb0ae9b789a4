import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readQuery } from '../database/read-routing';

/** The one row of data_version (kept by triggers, migration DataVersion). */
@Injectable()
export class DataVersionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** From a replica, or from the primary when `request` reads from it (see read-routing.ts); null when the row is missing. */
  async current(request: object | null): Promise<{ version: string; changedAt: Date } | null> {
    const [row] = await readQuery<{ version: string; changed_at: Date }>(
      this.db,
      request,
      'SELECT "version", "changed_at" FROM "data_version" WHERE "id"',
    );
    return row ? { version: String(row.version), changedAt: new Date(row.changed_at) } : null;
  }
}
