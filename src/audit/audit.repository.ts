import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Connection } from '../common/pagination/connection.type';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { AuditEntry } from './audit-entry.entity';

/** Which entries the audit log lists: one entity type and/or one record, or all. */
export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
}

/** Newest first, ties broken by id; the cursor carries the time stamp as ISO text. */
const NEWEST_FIRST: KeysetOrder<AuditEntry> = {
  list: 'auditLog',
  sql: 'a.at',
  idSql: 'a.id',
  cast: 'timestamptz',
  direction: 'DESC',
  keyOf: (entry) => entry.at.toISOString(),
  isValidKey: isCursorTimestamp,
};

/** Every statement on audit_entry: the append (in the caller's transaction) and the log's pages. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(tx: EntityManager, values: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    const repository = tx.getRepository(AuditEntry);
    await repository.save(repository.create(values));
  }

  /** One page of the filtered log and its total, in one statement. */
  listPage(filter: AuditFilter, args: PageArgs): Promise<Connection<AuditEntry>> {
    const filtered = () => {
      const query = this.db.getRepository(AuditEntry).createQueryBuilder('a');
      if (filter.entityType) query.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
      if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
      return query;
    };
    return keysetConnection(args, NEWEST_FIRST, filtered(), countAll(filtered()));
  }
}
