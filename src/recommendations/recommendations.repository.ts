import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../i18n/content-locales';
import { translatedSql } from '../i18n/translations';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
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
import { RecommendationFactChange } from './fact-change.entity';
import { factsAsOf } from './fact-history.sql';
import type { ReadScope } from '../database/sql/read-scope';
import { isoTimestamp, SqlParams } from '../database/sql/params';
import { divergentSql, publishedAssessmentsSql } from '../assessments/divergence';
import { ExportQuery } from '../database/sql/query';
import { jsonArraySql, jsonObjectSql, JsonObjectEntry } from '../database/sql/json-object';
import { frameworkItemCodesByOwnerSql } from '../frameworks/framework-items.sql';

/** The link lists an input may set; null or absent leaves that set as it is. */
export interface LinkIds {
  barrierIds?: string[] | null;
  responsibleOrganizationIds?: string[] | null;
  indicatorIds?: string[] | null;
}

/**
 * Adds each link set given (null/absent adds none) to the recommendation; links already there stay.
 * A plain function over the caller's transaction, not a method: the sample's seed, which runs
 * without the Nest container (and so without the content locales RecommendationsRepository is
 * built with), calls it. An edit replaces a set with RecommendationsRepository.replaceLinks.
 */
export async function addRecommendationLinks(tx: EntityManager, recommendationId: string, links: LinkIds): Promise<void> {
  const sets = [
    { table: 'recommendation_barrier', column: 'barrier_id', ids: links.barrierIds },
    { table: 'recommendation_organization', column: 'organization_id', ids: links.responsibleOrganizationIds },
    { table: 'recommendation_indicator', column: 'indicator_id', ids: links.indicatorIds },
  ] as const;
  for (const set of sets) {
    if (!set.ids?.length) continue;
    await tx.query(`INSERT INTO ${set.table} (recommendation_id, ${set.column}) SELECT $1, l.id FROM unnest($2::uuid[]) AS l(id) ON CONFLICT DO NOTHING`, [
      recommendationId,
      set.ids,
    ]);
  }
}

/** A row or list hanging from a recommendation that PostgreSQL can write as JSON for a page (relationsJson). */
export type RecommendationRelation = 'meeting' | 'barriers' | 'responsibleOrganizations' | 'indicators' | 'statusHistory';

/** One relation a page asks for: each related row written as the JSON object of `entries` (over the row's alias). */
export interface RelationJson {
  relation: RecommendationRelation;
  entries: (alias: string) => JsonObjectEntry[];
}

/**
 * Every statement on the recommendation tables (besides addRecommendationLinks): single rows, the list page and its
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

  /** Appends an entry to the fact history (due date, priority, responsible organisations); changedAt defaults to the transaction's now(). */
  insertFactChange(tx: EntityManager, entry: Omit<RecommendationFactChange, 'id' | 'changedAt' | 'recommendation'> & { changedAt?: Date }): Promise<unknown> {
    return tx.getRepository(RecommendationFactChange).insert(entry);
  }

  /** Whether the recommendation has a fact history yet (rows loaded in bulk have none until their first change). */
  async hasFactHistory(tx: EntityManager, recommendationId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>('SELECT 1 FROM recommendation_fact_change WHERE recommendation_id = $1 LIMIT 1', [recommendationId]);
    return rows.length > 0;
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

  factHistory(loaders: LoaderRegistry): DataLoader<string, RecommendationFactChange[]> {
    return loaders.get('recommendation.factHistory', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        RecommendationFactChange,
        loaders,
        'SELECT * FROM recommendation_fact_change WHERE recommendation_id = ANY($1) ORDER BY recommendation_id, version',
        [ids],
      );
      return manyByKey(ids, rows, (f) => f.recommendationId);
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

  /**
   * For each recommendation of a page, each relation asked for as JSON written by PostgreSQL, in one
   * statement: the meeting as an object, the lists as arrays in the loaders' orders (barriers and
   * organisations by their default-locale text, then id; indicators by code, then id; the history by
   * version). As JSON text, not parsed: the page assembler (src/graphql/page-assembler) sends it on
   * as it is, with no entity, nor object, built per row. By id: each relation's text (null: no
   * meeting), in the order of `fields`.
   */
  async relationsJson(loaders: LoaderRegistry, ids: readonly string[], fields: readonly RelationJson[]): Promise<Map<string, (string | null)[]>> {
    const defaultText = (column: string) => translatedSql(column, this.contentLocales.defaultChain);
    const expression = ({ relation, entries }: RelationJson): string => {
      const objectSql = (alias: string) => jsonObjectSql(entries(alias));
      switch (relation) {
        case 'meeting':
          return `(SELECT ${objectSql('m')} FROM meeting m WHERE m.id = r.meeting_id)`;
        case 'barriers':
          return jsonArraySql(objectSql('b'), 'FROM recommendation_barrier rb JOIN barrier b ON b.id = rb.barrier_id WHERE rb.recommendation_id = r.id', `${defaultText('b.title')}, b.id`);
        case 'responsibleOrganizations':
          return jsonArraySql(
            objectSql('o'),
            'FROM recommendation_organization ro JOIN organization o ON o.id = ro.organization_id WHERE ro.recommendation_id = r.id',
            `${defaultText('o.name')}, o.id`,
          );
        case 'indicators':
          // The order of the indicators loader (loadLinked: code, then id).
          return jsonArraySql(objectSql('i'), 'FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id WHERE ri.recommendation_id = r.id', 'i.code, i.id');
        case 'statusHistory':
          return jsonArraySql(objectSql('s'), 'FROM status_change s WHERE s.recommendation_id = r.id', 's.version');
      }
    };
    const columns = fields.map((field, index) => `${expression(field)} AS f${index}`);
    const rows = await readQuery<Record<string, unknown>>(
      this.db,
      loaders,
      `SELECT r.id, ${columns.join(', ')} FROM unnest($1::uuid[]) AS page(id) JOIN recommendation r ON r.id = page.id`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id as string, fields.map((_, index) => row[`f${index}`] as string | null)]));
  }

  /** Recommendations by id, one statement per request (what other features' rows point at). */
  byId(loaders: LoaderRegistry): DataLoader<string, Recommendation | null> {
    return loaders.get('recommendation.byId', async (ids: readonly string[]) =>
      oneByKey(ids, await readEntities(this.db, Recommendation, loaders, 'SELECT * FROM recommendation WHERE id = ANY($1)', [ids]), (r) => r.id),
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

/**
 * The ids the filter's timeless criteria select (kind, meeting, barrier,
 * search), as SQL with its parameters: written by the same
 * applyRecommendationFilter that serves the GraphQL list, so the export and the
 * API can never disagree about what a filter means. `status`, `overdue` and
 * the responsible organisation depend on the day and are applied to the status
 * and facts as of `asOf` instead (see below). Null without such criteria.
 */
function filteredIds(db: DataSource, filter: RecommendationFilter | null, today: string): [string, unknown[]] | null {
  const timeless = filter ? { ...filter, status: null, overdue: null, responsibleOrganizationId: null, divergent: null } : null;
  const query = applyRecommendationFilter(db.getRepository(Recommendation).createQueryBuilder('r').select('r.id'), timeless, today);
  return query.expressionMap.wheres.length > 0 ? query.getQueryAndParameters() : null;
}

/**
 * One row per recommendation that existed on `asOf`, in code order, in the
 * status its history gives for that day (the last status change recorded before
 * the day ended: the same reading as progressSummary's and the PDF report's),
 * overdue as of that day; its meeting, barriers, responsible organisations and
 * linked indicator codes (each link table aggregated once with string_agg and
 * hash-joined: four times faster at 100,000 rows than a subquery per row; the
 * join-table exports give the same links one per row). Due date, priority and
 * responsible organisations as they stood at the end of asOf (factsAsOf: only
 * recommendations changed since read their history); title, kind, barriers and
 * indicators have no history: they are as they are now.
 * The SQL the recommendations export streams; the exporter gives its columns.
 */
export function recommendationsExportQuery(db: DataSource, filter: RecommendationFilter | null, ctx: ReadScope): ExportQuery {
  const ids = filteredIds(db, filter, ctx.today);
  const p = new SqlParams(ids?.[1]);
  const asOf = p.add(ctx.asOf, 'date');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const closed = p.add(CLOSED_STATUSES, 'text[]');
  const tz = p.add(ctx.timeZone, 'text');
  const { language } = ctx;
  const facts = factsAsOf('r', asOfEnd);
  const overdue = `((${facts.dueDate}) IS NOT NULL AND (${facts.dueDate}) < ${asOf} AND last_change.to_status::text <> ALL(${closed}))`;
  const where: string[] = [];
  if (ids) where.push(`r.id IN (${ids[0]})`);
  if (filter?.status?.length) where.push(`last_change.to_status::text = ANY(${p.add(filter.status, 'text[]')})`);
  if (filter?.responsibleOrganizationId) where.push(`${p.add(filter.responsibleOrganizationId, 'uuid')} = ANY(${facts.organizationIds})`);
  if (filter?.overdue === true) where.push(overdue);
  if (filter?.overdue === false) where.push(`NOT ${overdue}`);
  // Civil society's published view at the end of asOf against the official status of that day (docs/domain.md).
  const divergent = divergentSql('r.id', 'last_change.to_status', asOfEnd);
  if (filter?.divergent === true) where.push(divergent);
  if (filter?.divergent === false) where.push(`NOT ${divergent}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const sql = `
    SELECT r.code, ${tr('r.title')} AS title, ${language.enumSql('r.kind', 'kind', p)} AS kind, ${language.enumSql(`(${facts.priority})`, 'priority', p)} AS priority,
           ${language.enumSql('last_change.to_status', 'status', p)} AS status, ${facts.dueDate} AS due_date,
           ${overdue} AS overdue,
           ${tr('m.title')} AS meeting_title, m.held_on AS meeting_date, ${tr('m.settlement')} AS settlement, ${tr('m.region')} AS region,
           barriers.names AS barriers,
           CASE WHEN ${facts.fromHistory}
                THEN (SELECT string_agg(${tr('o.name')}, '; ' ORDER BY ${tr('o.name')}) FROM organization o WHERE o.id = ANY(facts.responsible_organization_ids))
                ELSE organizations.names END AS responsible_organizations, indicators.codes AS indicator_codes,
           ${isoTimestamp('last_change.changed_at', tz)} AS last_status_change_at,
           last_change.changed_by AS last_status_change_by,
           ${tr('last_change.note')} AS last_status_change_note,
           (SELECT string_agg(${tr('o.name')} || ': ' || ${language.enumSql('pa.status', 'status', p)}, '; ' ORDER BY ${tr('o.name')})
              FROM (${publishedAssessmentsSql('r.id', asOfEnd).replace('SELECT 1 FROM', 'SELECT pa.status, pa.organization_id FROM')}) pa
              JOIN organization o ON o.id = pa.organization_id) AS independent_statuses,
           ${divergent} AS divergent,
           framework_items.codes AS framework_items
      FROM recommendation r
      JOIN meeting m ON m.id = r.meeting_id
      JOIN LATERAL (
        SELECT sc.to_status, sc.changed_at, sc.changed_by, sc.note FROM status_change sc
         WHERE sc.recommendation_id = r.id AND sc.changed_at < ${asOfEnd} ORDER BY sc.version DESC LIMIT 1
      ) last_change ON true
      ${facts.join}
      LEFT JOIN (
        SELECT rb.recommendation_id, string_agg(${tr('b.title')}, '; ' ORDER BY ${tr('b.title')}) AS names
          FROM recommendation_barrier rb JOIN barrier b ON b.id = rb.barrier_id GROUP BY rb.recommendation_id
      ) barriers ON barriers.recommendation_id = r.id
      LEFT JOIN (
        SELECT ro.recommendation_id, string_agg(${tr('o.name')}, '; ' ORDER BY ${tr('o.name')}) AS names
          FROM recommendation_organization ro JOIN organization o ON o.id = ro.organization_id GROUP BY ro.recommendation_id
      ) organizations ON organizations.recommendation_id = r.id
      LEFT JOIN (
        SELECT ri.recommendation_id, string_agg(i.code, '; ' ORDER BY i.code) AS codes
          FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id GROUP BY ri.recommendation_id
      ) indicators ON indicators.recommendation_id = r.id
      LEFT JOIN ${frameworkItemCodesByOwnerSql('recommendation')} framework_items ON framework_items.owner_id = r.id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, params: p.values, orderBy: [{ column: 'code', cast: 'varchar' }] };
}

/** The SQL the status-history export streams: every status change recorded by the end of `asOf`, with its recommendation's code. */
export function statusHistoryExportQuery(ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const { language } = ctx;
  const sql = `
    SELECT r.code AS recommendation_code, sc.version, ${language.enumSql('sc.from_status', 'status', p)} AS from_status, ${language.enumSql('sc.to_status', 'status', p)} AS to_status,
           ${isoTimestamp('sc.changed_at', tz)} AS changed_at, sc.changed_by, ${translatedSql('sc.note', ctx.contentChain)} AS note, sc.evidence_url
      FROM status_change sc
      JOIN recommendation r ON r.id = sc.recommendation_id
     WHERE sc.changed_at < ${asOfEnd}`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'recommendation_code', cast: 'varchar' },
      { column: 'version', cast: 'int' },
    ],
  };
}

/** A link of recommendations the join-table exports give one per row. */
export type RecommendationLinkTable = 'organizations' | 'barriers' | 'indicators';

/** Per link: the linked row's columns (after recommendation_code), its joins, and its key (the second sort column). */
const LINK_EXPORTS: Record<RecommendationLinkTable, { select: (p: SqlParams, ctx: ReadScope) => string; from: string; key: string }> = {
  organizations: {
    select: (p, ctx) =>
      `o.id AS organization_id, ${translatedSql('o.name', ctx.contentChain)} AS organization_name, ${ctx.language.enumSql('o.kind', 'orgKind', p)} AS organization_kind`,
    from: 'JOIN recommendation_organization ro ON ro.recommendation_id = r.id JOIN organization o ON o.id = ro.organization_id',
    key: 'organization_id',
  },
  barriers: {
    select: (p, ctx) =>
      `b.id AS barrier_id, ${translatedSql('b.title', ctx.contentChain)} AS barrier_title, ${ctx.language.enumSql('b.category', 'barrier', p)} AS barrier_category`,
    from: 'JOIN recommendation_barrier rb ON rb.recommendation_id = r.id JOIN barrier b ON b.id = rb.barrier_id',
    key: 'barrier_id',
  },
  indicators: {
    select: () => 'i.id AS indicator_id, ap.code AS action_plan, i.code AS indicator_code',
    from: 'JOIN recommendation_indicator ri ON ri.recommendation_id = r.id JOIN indicator i ON i.id = ri.indicator_id JOIN action_plan ap ON ap.id = i.action_plan_id',
    key: 'indicator_id',
  },
};

/** The SQL a join-table export streams: today's links of the recommendations that existed on `asOf`, one per row. */
export function recommendationLinksExportQuery(link: RecommendationLinkTable, ctx: ReadScope): ExportQuery {
  const { select, from, key } = LINK_EXPORTS[link];
  const p = new SqlParams();
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const sql = `SELECT r.code AS recommendation_code, ${select(p, ctx)} FROM recommendation r ${from} WHERE r.created_at < ${asOfEnd}`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'recommendation_code', cast: 'varchar' },
      { column: key, cast: key.endsWith('_id') ? 'uuid' : 'varchar' },
    ],
  };
}
