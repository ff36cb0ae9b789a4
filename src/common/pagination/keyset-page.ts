import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { Connection } from './connection.type';
import { CursorPosition, decodeCursor, encodeCursor } from './cursor';
import { pageAndTotal } from './page-and-total';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs } from './page.args';

/** A page request after validation: how many rows, and where to start. */
export interface KeysetPageRequest {
  /** Names the list (and its ordering) in every cursor, see encodeCursor. */
  list: string;
  limit: number;
  after: CursorPosition | null;
}

/**
 * Validates `first` and `after` (BAD_USER_INPUT): PageArgs' decorators check `first` at the
 * GraphQL edge, this checks it again for callers that do not come through the ValidationPipe.
 */
export function toKeysetPageRequest(args: PageArgs, list: string): KeysetPageRequest {
  const first = args.first;
  if (first !== undefined && first !== null && !(Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE)) {
    throw DomainError.badInput('first', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return {
    list,
    limit: args.first ?? DEFAULT_PAGE_SIZE,
    after: args.after ? decodeCursor(args.after, list) : null,
  };
}

/**
 * Turns `limit + 1` rows fetched in keyset order into a connection: the extra
 * row only tells whether another page exists.
 */
export function toConnection<T extends { id: string }>(
  rows: T[],
  page: KeysetPageRequest,
  totalCount: number,
  sortKeyOf: (row: T) => string | number | null,
): Connection<T> {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(page.list, { key: sortKeyOf(node), id: node.id }) }));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}

/** How a list is ordered: one sort value, then the id as the tie-break, both in one direction. */
export interface KeysetOrder<T> {
  /** Names the list and its ordering in every cursor: a cursor of another list or ordering is refused. */
  list: string;
  /** The sort value, SQL over the page query's alias; never NULL (map nulls to a value that sorts where they belong). */
  sql: string;
  /** The row's id column over the same alias, e.g. `a.id`. */
  idSql: string;
  /** The SQL type a cursor's key is cast to. */
  cast: string;
  direction: 'ASC' | 'DESC';
  /** The row's sort value as its cursor carries it. */
  keyOf: (row: T) => string | number | null;
  /** Whether a decoded cursor's key is a value of this sort (else BAD_USER_INPUT, never a failed cast). */
  isValidKey: (key: unknown) => boolean;
}

/**
 * One page of a keyset-ordered list as a connection: validates `first`/`after`, orders
 * `pageQuery` by the sort value and id, continues after the cursor, and reads the page and
 * `count` (the whole list's size, selected as `n`, see countAll) in one statement. Every
 * connection goes through here, so cursors, ordering and errors are the same everywhere.
 */
export async function keysetConnection<T extends { id: string }>(
  args: PageArgs,
  order: KeysetOrder<T>,
  pageQuery: SelectQueryBuilder<T>,
  count: SelectQueryBuilder<ObjectLiteral>,
): Promise<Connection<T>> {
  const page = toKeysetPageRequest(args, order.list);
  if (page.after) {
    if (!order.isValidKey(page.after.key)) throw DomainError.badInput('after', 'is not a cursor of this list');
    const comparison = order.direction === 'ASC' ? '>' : '<';
    pageQuery.andWhere(`(${order.sql}, ${order.idSql}) ${comparison} (CAST(:cursorKey AS ${order.cast}), CAST(:cursorId AS uuid))`, {
      cursorKey: page.after.key,
      cursorId: page.after.id,
    });
  }
  pageQuery.orderBy(order.sql, order.direction).addOrderBy(order.idSql, order.direction).limit(page.limit + 1);
  const [rows, totalCount] = await pageAndTotal(pageQuery, count, page.after !== null);
  return toConnection(rows, page, totalCount, order.keyOf);
}
