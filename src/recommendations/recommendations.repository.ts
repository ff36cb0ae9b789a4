import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../i18n/content-locales';
import { translatedSql } from '../i18n/translations';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { Connection } from '../common/pagination/connection.type';
import { keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { loadLinked, readEntities, rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { Meeting } from '../meetings/meeting.entity';
import { Organization } from '../organizations/organization.entity';
import { RecommendationFilter, RecommendationOrder } from './dto/recommendations.args';
import { CLOSED_STATUSES } from './recommendation-lifecycle';
import { RecommendationBarrier, RecommendationIndicator, RecommendationOrganization } from './recommendation-links.entity';
import { applyRecommendationFilter, recommendationKeysetOrder } from './recommendation-list.query';
import { RecommendationStatus } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';
import { StatusChange } from './status-change.entity';

/** The link lists an input may set; null or absent leaves that set as it is. */
export interface LinkIds {
  barrierIds?: string[] | null;
  responsibleOrganizationIds?: string[] | null;
  indicatorIds?: string[] | null;
}

/**
 * Every statement on the recommendation tables: single rows, the list page and its
 * count, the version-checked update, links, history, and the loaders' batches (one
 * `= ANY($1)` query per relation and request). Methods that write take the
 * service's transaction (`tx`). Loader rows are mapped by column metadata (see
 * rowToEntity): TypeORM's hydration cost more than the queries themselves on these
 * hot paths.
 */
@Injectable()
export class RecommendationsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findById(id: string, tx?: EntityManager): Promise<Recommendation | null> {
    return (tx ?? this.db.manager).getRepository(Recommendation).findOneBy({ id });
  }

  findByIdOrFail(tx: EntityManager, id: string): Promise<Recommendation> {
    return tx.getRepository(Recommendation).findOneByOrFail({ id });
  }

  findByCode(code: string): Promise<Recommendation | null> {
    return this.db.getRepository(Recommendation).findOneBy({ code });
  }

  meetingOf(tx: EntityManager, meetingId: string): Promise<Meeting | null> {
    return tx.getRepository(Meeting).findOneBy({ id: meetingId });
  }

  /** How many recommendations each meeting made, in one statement. */
  async countsByMeeting(meetingIds: string[]): Promise<Map<string, number>> {
    const rows = await readQuery<{ meeting_id: string; count: number }>(
      this.db,
      null,
      'SELECT meeting_id, count(*)::int AS count FROM recommendation WHERE meeting_id = ANY($1::uuid[]) GROUP BY meeting_id',
      [meetingIds],
    );
    return new Map(rows.map((row) => [row.meeting_id, row.count]));
  }

  /** How many recommendations the filter matches, per status, and how many of them are overdue on `today`. */
  async statusCounts(
    filter: RecommendationFilter,
    today: string,
  ): Promise<{ byStatus: Map<RecommendationStatus, number>; overdue: number }> {
    const rows = await applyRecommendationFilter(this.db.getRepository(Recommendation).createQueryBuilder('r'), filter, today)
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

  /** One page of the filtered list in the given order, and its total, in one statement. */
  listPage(
    filter: RecommendationFilter | null | undefined,
    order: RecommendationOrder,
    args: PageArgs,
    today: string,
  ): Promise<Connection<Recommendation>> {
    const pageQuery = applyRecommendationFilter(this.db.getRepository(Recommendation).createQueryBuilder('r'), filter, today);
    return keysetConnection(args, recommendationKeysetOrder(order), pageQuery, this.count(filter, today));
  }

  /**
   * The size of the filtered list, selected as `n`. With no criterion but statuses (the
   * dashboards' usual question) it is summed from recommendation_tally_by_month, which the
   * triggers of migration RecommendationStatusTally keep exact in every writing transaction:
   * a few hundred rows, however many recommendations there are. Any other criterion counts
   * the matching rows.
   */
  private count(filter: RecommendationFilter | null | undefined, today: string): SelectQueryBuilder<ObjectLiteral> {
    const criteria = Object.entries(filter ?? {}).filter(([name, value]) => name !== 'status' && value !== null && value !== undefined);
    if (criteria.length) return countAll(applyRecommendationFilter(this.db.getRepository(Recommendation).createQueryBuilder('r'), filter, today));
    const tally = this.db.createQueryBuilder().select('COALESCE(sum(t.recommendations), 0)', 'n').from('recommendation_tally_by_month', 't');
    return filter?.status?.length ? tally.where('t.status IN (:...statuses)', { statuses: filter.status }) : tally;
  }

  async insert(tx: EntityManager, values: Partial<Recommendation>): Promise<Recommendation> {
    const repository = tx.getRepository(Recommendation);
    return repository.save(repository.create(values));
  }

  insertStatusChange(tx: EntityManager, change: Omit<StatusChange, 'id' | 'changedAt' | 'recommendation'>): Promise<unknown> {
    return tx.getRepository(StatusChange).insert(change);
  }

  /** The optimistic-concurrency write: the updated row, or null when someone changed it since `current` was read. */
  async updateIfVersion(tx: EntityManager, current: Recommendation, changes: Partial<Recommendation>): Promise<Recommendation | null> {
    const result = await tx
      .createQueryBuilder()
      .update(Recommendation)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id: current.id, version: current.version })
      .returning('*')
      .execute();
    if (result.affected !== 1) return null;
    return rowToEntity(tx.connection, Recommendation, (result.raw as Record<string, unknown>[])[0]);
  }

  async responsibleOrganizationIds(tx: EntityManager, recommendationId: string): Promise<string[]> {
    const rows = await tx.query<{ organization_id: string }[]>(
      'SELECT organization_id FROM recommendation_organization WHERE recommendation_id = $1',
      [recommendationId],
    );
    return rows.map((row) => row.organization_id);
  }

  /** Replaces each link set given (null/absent leaves it as it is). */
  async replaceLinks(tx: EntityManager, recommendationId: string, links: LinkIds): Promise<void> {
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
  async nextCode(tx: EntityManager, heldOn: string): Promise<string> {
    for (;;) {
      const [{ n }] = await tx.query<{ n: string }[]>(`SELECT nextval('recommendation_code_seq')::text AS n`);
      const code = `R-${heldOn.slice(0, 4)}-${n.padStart(4, '0')}`;
      const taken = await tx.query<unknown[]>('SELECT 1 FROM recommendation WHERE code = $1', [code]);
      if (taken.length === 0) return code;
    }
  }

  statusHistory(loaders: LoaderRegistry): DataLoader<string, StatusChange[]> {
    return loaders.get('recommendation.statusHistory', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        StatusChange,
        loaders,
        'SELECT * FROM status_change WHERE recommendation_id = ANY($1) ORDER BY recommendation_id, version',
        [ids],
      );
      return manyByKey(ids, rows, (s) => s.recommendationId);
    });
  }

  barriers(loaders: LoaderRegistry): DataLoader<string, Barrier[]> {
    return loaders.get('recommendation.barriers', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Barrier,
        ids,
        { via: 'recommendation_barrier', entityColumn: 'barrier_id', keyColumn: 'recommendation_id', orderBy: `${translatedSql('e.title', this.contentLocales.defaultChain)}, e.id` },
        loaders,
      ),
    );
  }

  responsibleOrganizations(loaders: LoaderRegistry): DataLoader<string, Organization[]> {
    return loaders.get('recommendation.organizations', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Organization,
        ids,
        { via: 'recommendation_organization', entityColumn: 'organization_id', keyColumn: 'recommendation_id', orderBy: `${translatedSql('e.name', this.contentLocales.defaultChain)}, e.id` },
        loaders,
      ),
    );
  }

  indicators(loaders: LoaderRegistry): DataLoader<string, Indicator[]> {
    return loaders.get('recommendation.indicators', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Indicator,
        ids,
        { via: 'recommendation_indicator', entityColumn: 'indicator_id', keyColumn: 'recommendation_id', orderBy: 'e.code, e.id' },
        loaders,
      ),
    );
  }

  byMeetingId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byMeetingId', async (meetingIds: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        Recommendation,
        loaders,
        'SELECT * FROM recommendation WHERE meeting_id = ANY($1) ORDER BY code',
        [meetingIds],
      );
      return manyByKey(meetingIds, rows, (r) => r.meetingId);
    });
  }

  byBarrierId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byBarrierId', (barrierIds: readonly string[]) =>
      loadLinked(
        this.db,
        Recommendation,
        barrierIds,
        { via: 'recommendation_barrier', entityColumn: 'recommendation_id', keyColumn: 'barrier_id', orderBy: 'e.code' },
        loaders,
      ),
    );
  }

  byIndicatorId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byIndicatorId', (indicatorIds: readonly string[]) =>
      loadLinked(
        this.db,
        Recommendation,
        indicatorIds,
        { via: 'recommendation_indicator', entityColumn: 'recommendation_id', keyColumn: 'indicator_id', orderBy: 'e.code' },
        loaders,
      ),
    );
  }
}
