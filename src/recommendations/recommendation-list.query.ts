import { Brackets, SelectQueryBuilder } from 'typeorm';
import { likePattern } from '../common/like-pattern';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { KeysetOrder } from '../common/pagination/keyset-page';
import { isCalendarDate } from '../common/scalars/calendar-date';
import { divergentSql } from '../assessments/divergence';
import { RecommendationFilter, RecommendationOrder } from './dto/recommendations.args';
import { CLOSED_STATUSES } from './recommendation-lifecycle';
import { OrderDirection, Priority, RecommendationOrderField } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';
import { frameworkSubtreeIdsSql } from '../frameworks/framework-items.sql';

/** How each order field sorts (SQL over alias `r`, nulls mapped so that the keyset comparison is total) and how a cursor writes it. */
const SORT_KEYS: Record<RecommendationOrderField, Pick<KeysetOrder<Recommendation>, 'sql' | 'cast' | 'keyOf' | 'isValidKey'>> = {
  [RecommendationOrderField.CODE]: {
    sql: 'r.code',
    cast: 'varchar',
    keyOf: (r) => r.code,
    isValidKey: (k) => typeof k === 'string',
  },
  // No due date sorts after every date (ASC) and before every date (DESC).
  [RecommendationOrderField.DUE_DATE]: {
    sql: "COALESCE(r.due_date, 'infinity'::date)",
    cast: 'date',
    keyOf: (r) => r.dueDate ?? 'infinity',
    isValidKey: (k) => typeof k === 'string' && (k === 'infinity' || isCalendarDate(k)),
  },
  [RecommendationOrderField.UPDATED_AT]: {
    sql: 'r.updated_at',
    cast: 'timestamptz',
    keyOf: (r) => r.updatedAt.toISOString(),
    isValidKey: isCursorTimestamp,
  },
  [RecommendationOrderField.PRIORITY]: {
    sql: 'r.priority',
    cast: 'priority',
    keyOf: (r) => r.priority,
    isValidKey: (k) => typeof k === 'string' && (Object.values(Priority) as string[]).includes(k),
  },
};

export const DEFAULT_ORDER: RecommendationOrder = { field: RecommendationOrderField.CODE, direction: OrderDirection.ASC };

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
  if (filter.indicatorId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM recommendation_indicator ri WHERE ri.recommendation_id = r.id AND ri.indicator_id = :indicatorId)',
      { indicatorId: filter.indicatorId },
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
  if (filter.frameworkItem) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM recommendation_framework_item rf WHERE rf.recommendation_id = r.id AND rf.framework_item_id IN ${frameworkSubtreeIdsSql(':frameworkItem')})`,
      { frameworkItem: filter.frameworkItem },
    );
  }
  if (filter.divergent === true) query.andWhere(divergentSql('r.id', 'r.status'));
  else if (filter.divergent === false) query.andWhere(`NOT ${divergentSql('r.id', 'r.status')}`);
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

/** The keyset order of a list ordering; its name (field and direction) goes into every cursor, so a cursor of another ordering is refused. */
export function recommendationKeysetOrder(order: RecommendationOrder): KeysetOrder<Recommendation> {
  return {
    ...SORT_KEYS[order.field],
    list: `recommendations:${order.field}:${order.direction}`,
    idSql: 'r.id',
    direction: order.direction === OrderDirection.DESC ? 'DESC' : 'ASC',
  };
}
