import { Brackets, SelectQueryBuilder } from 'typeorm';
import { likePattern } from '../common/like-pattern';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { KeysetOrder } from '../common/pagination/keyset-page';
import { OrderDirection } from '../common/pagination/order-direction';
import { isCalendarDate } from '../common/scalars/calendar-date';
import { MeetingFilter, MeetingOrder, MeetingOrderField } from './dto/meetings.args';
import { Meeting } from './meeting.entity';

/** How each order field sorts (SQL over alias `m`) and how a cursor writes it. */
const SORT_KEYS: Record<MeetingOrderField, Pick<KeysetOrder<Meeting>, 'sql' | 'cast' | 'keyOf' | 'isValidKey'>> = {
  [MeetingOrderField.HELD_ON]: {
    sql: 'm.held_on',
    cast: 'date',
    keyOf: (meeting) => meeting.heldOn,
    isValidKey: (key) => typeof key === 'string' && isCalendarDate(key),
  },
  [MeetingOrderField.UPDATED_AT]: {
    sql: 'm.updated_at',
    cast: 'timestamptz',
    keyOf: (meeting) => meeting.updatedAt.toISOString(),
    isValidKey: isCursorTimestamp,
  },
};

/** Newest first, as the list always was. */
export const DEFAULT_MEETING_ORDER: MeetingOrder = { field: MeetingOrderField.HELD_ON, direction: OrderDirection.DESC };

/**
 * The keyset order of a meetings list. The default keeps the list name cursors were issued under
 * ('meetings'), so cursors clients stored stay valid; other orders name theirs, and a cursor of
 * one order is refused by another.
 */
export function meetingKeysetOrder(order: MeetingOrder = DEFAULT_MEETING_ORDER): KeysetOrder<Meeting> {
  const isDefault = order.field === DEFAULT_MEETING_ORDER.field && order.direction === DEFAULT_MEETING_ORDER.direction;
  return {
    list: isDefault ? 'meetings' : `meetings:${order.field}:${order.direction}`,
    idSql: 'm.id',
    direction: order.direction,
    ...SORT_KEYS[order.field],
  };
}

/** Applies a MeetingFilter to a query over `meeting m`. */
export function applyMeetingFilter(query: SelectQueryBuilder<Meeting>, filter: MeetingFilter | null | undefined): SelectQueryBuilder<Meeting> {
  if (!filter) return query;
  if (filter.heldFrom) query.andWhere('m.held_on >= :heldFrom', { heldFrom: filter.heldFrom });
  if (filter.heldTo) query.andWhere('m.held_on <= :heldTo', { heldTo: filter.heldTo });
  if (filter.format?.length) query.andWhere('m.format IN (:...formats)', { formats: filter.format });
  if (filter.organizationId) {
    query.andWhere('EXISTS (SELECT 1 FROM participant p WHERE p.meeting_id = m.id AND p.organization_id = :organizationId)', {
      organizationId: filter.organizationId,
    });
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    query.andWhere(
      new Brackets((q) =>
        q
          .where('translations_text(m.title) ILIKE :pattern', { pattern })
          .orWhere('translations_text(m.settlement) ILIKE :pattern')
          .orWhere('translations_text(m.region) ILIKE :pattern')
          .orWhere('translations_text(m.summary) ILIKE :pattern'),
      ),
    );
  }
  return query;
}
