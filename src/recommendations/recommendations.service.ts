import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertMayActFor } from '../auth/ministry-scope';
import { Role } from '../auth/role.enum';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Connection } from '../common/pagination/connection.type';
import { toConnection, toKeysetPageRequest } from '../common/pagination/keyset-page';
import { pageAndTotal } from '../common/pagination/page-and-total';
import { assertAllExist } from '../database/assert-exist';
import { rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { Meeting } from '../meetings/meeting.entity';
import { Organization } from '../organizations/organization.entity';
import { CreateRecommendationInput } from './dto/create-recommendation.input';
import { RecommendationFilter, RecommendationsArgs } from './dto/recommendations.args';
import { TransitionRecommendationInput } from './dto/transition-recommendation.input';
import { UpdateRecommendationInput } from './dto/update-recommendation.input';
import { assertTransition, CLOSED_STATUSES } from './recommendation-lifecycle';
import {
  RecommendationBarrier,
  RecommendationIndicator,
  RecommendationOrganization,
} from './recommendation-links.entity';
import {
  applyRecommendationFilter,
  recommendationCount,
  applyRecommendationKeyset,
  DEFAULT_ORDER,
} from './recommendation-list.query';
import { Priority, RecommendationStatus } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';
import { StatusChange } from './status-change.entity';

interface LinkIds {
  barrierIds?: string[] | null;
  responsibleOrganizationIds?: string[] | null;
  indicatorIds?: string[] | null;
}

@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<Recommendation | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.db.getRepository(Recommendation).findOneBy({ id });
  }

  /** By its public code (the pages' address of a recommendation). */
  findByCode(code: string): Promise<Recommendation | null> {
    return this.db.getRepository(Recommendation).findOneBy({ code });
  }

  /** How many recommendations each meeting made (the meetings list), in one statement. */
  async countsByMeeting(meetingIds: string[]): Promise<Map<string, number>> {
    const rows = await readQuery<{ meeting_id: string; count: number }>(
      this.db,
      null,
      'SELECT meeting_id, count(*)::int AS count FROM recommendation WHERE meeting_id = ANY($1::uuid[]) GROUP BY meeting_id',
      [meetingIds],
    );
    return new Map(rows.map((row) => [row.meeting_id, row.count]));
  }

  /** How many recommendations the filter matches, per status, and how many of them are overdue. */
  async statusCounts(filter: RecommendationFilter): Promise<{ byStatus: Map<RecommendationStatus, number>; overdue: number }> {
    const today = this.clock.today();
    const repo = this.db.getRepository(Recommendation);
    const rows = await applyRecommendationFilter(repo.createQueryBuilder('r'), filter, today)
      .select('r.status', 'status')
      .addSelect('count(*)::int', 'count')
      .addSelect(`count(*) FILTER (WHERE r.due_date < :today AND r.status NOT IN (:...closed))::int`, 'overdue')
      .setParameters({ today, closed: CLOSED_STATUSES })
      .groupBy('r.status')
      .getRawMany<{ status: RecommendationStatus; count: number; overdue: number }>();
    return {
      byStatus: new Map(rows.map((row) => [row.status, row.count])),
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
    };
  }

  async list(args: RecommendationsArgs): Promise<Connection<Recommendation>> {
    const order = args.orderBy ?? DEFAULT_ORDER;
    const page = toKeysetPageRequest(args, `recommendations:${order.field}:${order.direction}`);
    const today = this.clock.today();
    const repo = this.db.getRepository(Recommendation);
    const pageQuery = applyRecommendationFilter(repo.createQueryBuilder('r'), args.filter, today);
    const countQuery = recommendationCount(this.db, args.filter, today);
    const sortKey = applyRecommendationKeyset(pageQuery, order, page.after);
    const [rows, totalCount] = await pageAndTotal(pageQuery.limit(page.limit + 1), countQuery, page.after !== null);
    return toConnection(rows, page, totalCount, sortKey.fromRow);
  }

  /** Creates the recommendation, its links and the creation entry of its history, atomically. */
  async create(input: CreateRecommendationInput, actor: Actor): Promise<Recommendation> {
    return this.db.transaction(async (tx) => {
      const meeting = await tx.getRepository(Meeting).findOneBy({ id: input.meetingId });
      if (!meeting) throw new DomainError(ErrorCode.NOT_FOUND, `meetingId: Meeting ${input.meetingId} does not exist`, { field: 'meetingId' });
      await this.assertLinksExist(tx, input);
      const code = input.code ?? (await this.nextCode(tx, meeting.heldOn));
      const saved = await tx.getRepository(Recommendation).save(
        tx.getRepository(Recommendation).create({
          code,
          title: input.title,
          description: input.description ?? null,
          kind: input.kind,
          priority: input.priority ?? Priority.MEDIUM,
          status: RecommendationStatus.PROPOSED,
          dueDate: input.dueDate ?? null,
          meetingId: meeting.id,
          version: 1,
        }),
      );
      await this.replaceLinks(tx, saved.id, input);
      await tx.getRepository(StatusChange).insert({
        recommendationId: saved.id,
        version: 1,
        fromStatus: null,
        toStatus: RecommendationStatus.PROPOSED,
        changedBy: actor.name,
        note: null,
        evidenceUrl: null,
      });
      const created = await tx.getRepository(Recommendation).findOneByOrFail({ id: saved.id });
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.create',
        entityType: 'Recommendation',
        entityId: created.id,
        before: null,
        after: { ...created, ...linksOf(input) },
      });
      return created;
    });
  }

  /** Edits fields and links; bumps the version. CONFLICT when `expectedVersion` is stale. */
  async update(
    id: string,
    input: UpdateRecommendationInput,
    expectedVersion: number | null | undefined,
    actor: Actor,
  ): Promise<Recommendation> {
    return this.db.transaction(async (tx) => {
      const current = await this.loadForWrite(tx, id, expectedVersion);
      await this.assertLinksExist(tx, input);
      const changes: Partial<Recommendation> = {};
      if (input.title !== undefined) changes.title = input.title;
      if (input.description !== undefined) changes.description = input.description;
      if (input.kind !== undefined) changes.kind = input.kind;
      if (input.priority !== undefined) changes.priority = input.priority;
      if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
      const updated = await this.bumpVersion(tx, current, changes);
      await this.replaceLinks(tx, id, input);
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.update',
        entityType: 'Recommendation',
        entityId: id,
        before: current,
        after: { ...updated, ...linksOf(input) },
      });
      return updated;
    });
  }

  /**
   * Moves a recommendation along its lifecycle and appends the history entry in
   * the same transaction. Two writers from the same version: the UPDATE's
   * `version = $n` condition lets exactly one through; the other gets CONFLICT.
   */
  async transition(input: TransitionRecommendationInput, actor: Actor): Promise<Recommendation> {
    return this.db.transaction(async (tx) => {
      const current = await this.loadForWrite(tx, input.id, input.expectedVersion);
      if (actor.role === Role.MINISTRY) {
        const responsible = await tx.query<{ organization_id: string }[]>(
          'SELECT organization_id FROM recommendation_organization WHERE recommendation_id = $1',
          [current.id],
        );
        assertMayActFor(actor, responsible.map((r) => r.organization_id), `recommendation ${current.code}`);
      }
      assertTransition(current.status, input.to, input.note);
      const updated = await this.bumpVersion(tx, current, { status: input.to });
      await tx.getRepository(StatusChange).insert({
        recommendationId: current.id,
        version: updated.version,
        fromStatus: current.status,
        toStatus: input.to,
        changedBy: actor.name,
        note: input.note ?? null,
        evidenceUrl: input.evidenceUrl ?? null,
      });
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.transition',
        entityType: 'Recommendation',
        entityId: current.id,
        before: current,
        after: { ...updated, note: input.note ?? null, evidenceUrl: input.evidenceUrl ?? null },
      });
      return updated;
    });
  }

  private async loadForWrite(tx: EntityManager, id: string, expectedVersion?: number | null): Promise<Recommendation> {
    const current = await tx.getRepository(Recommendation).findOneBy({ id });
    if (!current) throw DomainError.notFound('Recommendation', id);
    if (expectedVersion != null && expectedVersion !== current.version) {
      throw DomainError.conflict(`Recommendation ${id} is at version ${current.version}, not ${expectedVersion}`, {
        currentVersion: current.version,
      });
    }
    return current;
  }

  /** The optimistic-concurrency write: only succeeds if nobody changed the row since it was read. */
  private async bumpVersion(
    tx: EntityManager,
    current: Recommendation,
    changes: Partial<Recommendation>,
  ): Promise<Recommendation> {
    const result = await tx
      .createQueryBuilder()
      .update(Recommendation)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id: current.id, version: current.version })
      .returning('*')
      .execute();
    if (result.affected !== 1) {
      throw DomainError.conflict(`Recommendation ${current.id} was changed concurrently; reload it and retry`);
    }
    return rowToEntity(tx.connection, Recommendation, (result.raw as Record<string, unknown>[])[0]);
  }

  private async assertLinksExist(tx: EntityManager, links: LinkIds): Promise<void> {
    await assertAllExist(tx, Barrier, links.barrierIds, 'barrierIds');
    await assertAllExist(tx, Organization, links.responsibleOrganizationIds, 'responsibleOrganizationIds');
    await assertAllExist(tx, Indicator, links.indicatorIds, 'indicatorIds');
  }

  /** Replaces each link set given (null/absent leaves it as it is). */
  private async replaceLinks(tx: EntityManager, recommendationId: string, links: LinkIds): Promise<void> {
    const sets = [
      { entity: RecommendationBarrier, column: 'barrierId', ids: links.barrierIds },
      { entity: RecommendationOrganization, column: 'organizationId', ids: links.responsibleOrganizationIds },
      { entity: RecommendationIndicator, column: 'indicatorId', ids: links.indicatorIds },
    ] as const;
    for (const set of sets) {
      if (set.ids == null) continue;
      await tx.getRepository(set.entity).delete({ recommendationId });
      const ids = [...new Set(set.ids)];
      if (ids.length) {
        await tx.getRepository(set.entity).insert(ids.map((id) => ({ recommendationId, [set.column]: id })));
      }
    }
  }

  /** R-<year of the meeting>-<4 digits>, from a sequence; skips codes someone already chose by hand. */
  private async nextCode(tx: EntityManager, heldOn: string): Promise<string> {
    for (;;) {
      const [{ n }] = await tx.query<{ n: string }[]>(`SELECT nextval('recommendation_code_seq')::text AS n`);
      const code = `R-${heldOn.slice(0, 4)}-${n.padStart(4, '0')}`;
      const taken = await tx.query<unknown[]>('SELECT 1 FROM recommendation WHERE code = $1', [code]);
      if (taken.length === 0) return code;
    }
  }
}

/** The link lists an input sets (absent ones are left out), for the audit trail. */
function linksOf(links: LinkIds): LinkIds {
  const result: LinkIds = {};
  if (links.barrierIds != null) result.barrierIds = links.barrierIds;
  if (links.responsibleOrganizationIds != null) result.responsibleOrganizationIds = links.responsibleOrganizationIds;
  if (links.indicatorIds != null) result.indicatorIds = links.indicatorIds;
  return result;
}
