import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Connection } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import { AuditEntry } from './audit-entry.entity';
import { AuditFilter, AuditRepository } from './audit.repository';

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
  constructor(private readonly repository: AuditRepository) {}

  /**
   * Appends an entry inside the caller's transaction, so the trail has exactly
   * one entry per committed change and none for a rolled-back one.
   */
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await this.repository.insert(tx, {
      actorTokenId: entry.actor.tokenId,
      actorUserId: entry.actor.userId ?? null,
      actorName: entry.actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId: entry.actor.requestId,
    });
  }

  /** Newest first; optionally for one entity type and/or one record. */
  list(filter: AuditFilter, args: PageArgs): Promise<Connection<AuditEntry>> {
    return this.repository.listPage(filter, args);
  }
}

/** Entities to plain JSON (Dates as ISO strings), so jsonb stores what a client would have seen. */
function toJson(value: unknown): Record<string, unknown> | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
