import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import { readQuery } from '../database/read-routing';
import { openNotificationListener } from '../database/notification-listener';

/** The channel the data_version trigger notifies on (migration DataVersionNotify). */
export const DATA_VERSION_CHANNEL = 'data_version';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

const SELECT_VERSION = 'SELECT "version", "changed_at" FROM "data_version" WHERE "id"';

interface VersionRow {
  version: string;
  changed_at: Date;
}

function toVersion(row: VersionRow | undefined): { version: string; changedAt: Date } | null {
  return row ? { version: String(row.version), changedAt: new Date(row.changed_at) } : null;
}

/** The one row of data_version (kept by triggers, migration DataVersion). */
@Injectable()
export class DataVersionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** From a replica, or from the primary when `request` reads from it (see read-routing.ts); null when the row is missing. */
  async current(request: object | null): Promise<{ version: string; changedAt: Date } | null> {
    const [row] = await readQuery<VersionRow>(this.db, request, SELECT_VERSION);
    return toVersion(row);
  }

  /** On a connection of the primary that has just committed: at least the version of that commit. */
  async currentOn(runner: QueryRunner): Promise<{ version: string; changedAt: Date } | null> {
    const [row] = (await runner.query(SELECT_VERSION)) as VersionRow[];
    return toVersion(row);
  }

  /** True when reads go to streaming replicas (DATABASE_REPLICA_URLS), which cannot LISTEN and may lag. */
  get replicated(): boolean {
    return !!(this.db.options as PostgresConnectionOptions).replication;
  }

  /**
   * Opens a connection of its own to the primary (not one of the pool's: it is held for the
   * process's life) listening on the data_version channel. `onLost` runs once when it fails or ends.
   */
  listen(onNotification: (payload: string | undefined) => void, onLost: (error: Error) => void): Promise<Client> {
    return openNotificationListener(this.connectionConfig(), DATA_VERSION_CHANNEL, 'roundtable-tracker data-version listener', onNotification, onLost);
  }

  /** The listening connection's own read, right after LISTEN (a version committed before it was not notified to it). */
  async currentOnListener(client: Client): Promise<{ version: string; changedAt: Date } | null> {
    const { rows } = await client.query<VersionRow>(SELECT_VERSION);
    return toVersion(rows[0]);
  }

  /** The primary's connection settings, as the pool has them (a URL, or the embedded server's Unix socket). */
  private connectionConfig(): ClientConfig {
    const options = this.db.options as PostgresConnectionOptions;
    if (options.url) return { connectionString: options.url };
    return {
      host: options.host,
      port: options.port,
      user: options.username,
      password: typeof options.password === 'string' ? options.password : undefined,
      database: options.database,
    };
  }
}
