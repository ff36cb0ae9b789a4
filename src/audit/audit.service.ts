import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Connection } from '../common/pagination/connection.type';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { toConnection, toKeysetPageRequest } from '../common/pagination/keyset-page';
import { countAll, pageAndTotal } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor: Actor;
  /** `<entity>.<verb>`, e.g. recommendation.transition. */
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, so the trail has exactly
   * one entry per committed change and none for a rolled-back one.
   */
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    const repo = tx.getRepository(AuditEntry);
    await repo.save(
      repo.create({
      actorTokenId: entry.actor.tokenId,
      actorUserId: entry.actor.userId ?? null,
      actorName: entry.actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId: entry.actor.requestId,
      }),
    );
  }

  /** Newest first; optionally for one entity type and/or one record. */
  async list(filter: { entityType?: string | null; entityId?: string | null }, args: PageArgs): Promise<Connection<AuditEntry>> {
    const page = toKeysetPageRequest(args, 'auditLog');
    const filtered = () => {
      const q = this.db.getRepository(AuditEntry).createQueryBuilder('a');
      if (filter.entityType) q.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
      if (filter.entityId) q.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
      return q;
    };
    const pageQuery = filtered().orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(page.limit + 1);
    if (page.after) {
      const key = page.after.key;
      if (!isCursorTimestamp(key)) throw DomainError.badInput('after', 'is not a cursor of this list');
      pageQuery.andWhere('(a.at, a.id) < (CAST(:key AS timestamptz), CAST(:id AS uuid))', { key, id: page.after.id });
    }
    const [rows, totalCount] = await pageAndTotal(pageQuery, countAll(filtered()), page.after !== null);
    return toConnection(rows, page, totalCount, (a) => a.at.toISOString());
  }
}

/** Entities to plain JSON (Dates as ISO strings), so jsonb stores what a client would have seen. */
function toJson(value: unknown): Record<string, unknown> | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
