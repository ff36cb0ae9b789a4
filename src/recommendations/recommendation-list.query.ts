import { Brackets, DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { likePattern } from '../common/like-pattern';
import { countAll } from '../common/pagination/page-and-total';
import { CursorPosition, isCursorTimestamp } from '../common/pagination/cursor';
import { isCalendarDate } from '../common/scalars/calendar-date';
import { RecommendationFilter, RecommendationOrder } from './dto/recommendations.args';
import { CLOSED_STATUSES } from './recommendation-lifecycle';
import { OrderDirection, Priority, RecommendationOrderField } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';

/** How each order field sorts, and how its value is written in a cursor. */
interface SortKey {
  /** SQL over alias `r`; nulls are mapped so that the keyset comparison is total. */
  sql: string;
  /** The SQL type the cursor value is cast to. */
  cast: string;
  fromRow: (r: Recommendation) => string | number | null;
  isValidKey: (key: unknown) => boolean;
}

const SORT_KEYS: Record<RecommendationOrderField, SortKey> = {
  [RecommendationOrderField.CODE]: {
    sql: 'r.code',
    cast: 'varchar',
    fromRow: (r) => r.code,
    isValidKey: (k) => typeof k === 'string',
  },
  // No due date sorts after every date (ASC) and before every date (DESC).
  [RecommendationOrderField.DUE_DATE]: {
    sql: "COALESCE(r.due_date, 'infinity'::date)",
    cast: 'date',
    fromRow: (r) => r.dueDate ?? 'infinity',
    isValidKey: (k) => typeof k === 'string' && (k === 'infinity' || isCalendarDate(k)),
  },
  [RecommendationOrderField.UPDATED_AT]: {
    sql: 'r.updated_at',
    cast: 'timestamptz',
    fromRow: (r) => r.updatedAt.toISOString(),
    isValidKey: isCursorTimestamp,
  },
  [RecommendationOrderField.PRIORITY]: {
    sql: 'r.priority',
    cast: 'priority',
    fromRow: (r) => r.priority,
    isValidKey: (k) => typeof k === 'string' && (Object.values(Priority) as string[]).includes(k),
  },
};

export const DEFAULT_ORDER: RecommendationOrder = { field: RecommendationOrderField.CODE, direction: OrderDirection.ASC };

/**
 * The size of the filtered list, selected as `n`. With no criterion but statuses (the
 * dashboards' usual question) it is summed from recommendation_tally_by_month, which the
 * triggers of migration RecommendationStatusTally keep exact in every writing transaction:
 * a few hundred rows, however many recommendations there are. Any other criterion counts
 * the matching rows.
 */
export function recommendationCount(db: DataSource, filter: RecommendationFilter | null | undefined, today: string): SelectQueryBuilder<ObjectLiteral> {
  const criteria = Object.entries(filter ?? {}).filter(([name, value]) => name !== 'status' && value !== null && value !== undefined);
  if (criteria.length) return countAll(applyRecommendationFilter(db.getRepository(Recommendation).createQueryBuilder('r'), filter, today));
  const tally = db.createQueryBuilder().select('COALESCE(sum(t.recommendations), 0)', 'n').from('recommendation_tally_by_month', 't');
  return filter?.status?.length ? tally.where('t.status IN (:...statuses)', { statuses: filter.status }) : tally;
}

/** Applies a RecommendationFilter to a query over `recommendation r`. */
export function applyRecommendationFilter(
  query: SelectQueryBuilder<Recommendation>,
  filter: RecommendationFilter | null | undefined,
  today: string,
): SelectQueryBuilder<Recommendation> {
  if (!filter) return query;
  if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
  if (filter.kind?.length) query.andWhere('r.kind IN (:...kinds)', { kinds: filter.kind });
  if (filter.meetingId) query.andWhere('r.meeting_id = :meetingId', { meetingId: filter.meetingId });
  if (filter.barrierId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM recommendation_barrier rb WHERE rb.recommendation_id = r.id AND rb.barrier_id = :barrierId)',
      { barrierId: filter.barrierId },
    );
  }
  if (filter.responsibleOrganizationId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM recommendation_organization ro WHERE ro.recommendation_id = r.id AND ro.organization_id = :orgId)',
      { orgId: filter.responsibleOrganizationId },
    );
  }
  if (filter.overdue === true) {
    query.andWhere('r.due_date < :today AND r.status NOT IN (:...closed)', { today, closed: CLOSED_STATUSES });
  } else if (filter.overdue === false) {
    query.andWhere('(r.due_date IS NULL OR r.due_date >= :today OR r.status IN (:...closed))', {
      today,
      closed: CLOSED_STATUSES,
    });
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    query.andWhere(
      new Brackets((q) =>
        q
          .where('r.code ILIKE :pattern', { pattern })
          // Every locale's text (translations_text, as the trigram index IDX_recommendation_search_trgm covers it).
          .orWhere('translations_text(r.title) ILIKE :pattern')
          .orWhere('translations_text(r.description) ILIKE :pattern'),
      ),
    );
  }
  return query;
}

/** Orders a query over `recommendation r` and, after a cursor, continues from it. */
export function applyRecommendationKeyset(
  query: SelectQueryBuilder<Recommendation>,
  order: RecommendationOrder,
  after: CursorPosition | null,
): SortKey {
  const key = SORT_KEYS[order.field];
  const direction = order.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
  if (after) {
    if (!key.isValidKey(after.key)) throw DomainError.badInput('after', 'is not a cursor of this ordering');
    const comparison = direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${key.sql}, r.id) ${comparison} (CAST(:cursorKey AS ${key.cast}), CAST(:cursorId AS uuid))`, {
      cursorKey: after.key,
      cursorId: after.id,
    });
  }
  query.orderBy(key.sql, direction).addOrderBy('r.id', direction);
  return key;
}
