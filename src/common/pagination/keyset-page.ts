import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { Connection } from './connection.type';
import { CursorPosition, decodeCursor, encodeCursor } from './cursor';
import { pageAndTotal } from './page-and-total';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs } from './page.args';

/** A page request after validation: how many rows, between which cursors, from which end. */
export interface KeysetPageRequest {
  /** Names the list (and its ordering) in every cursor, see encodeCursor. */
  list: string;
  limit: number;
  after: CursorPosition | null;
  before: CursorPosition | null;
  /** `last`: the page is counted back from the end (or from `before`); rows are read in reverse and turned. */
  backward: boolean;
}

/**
 * Validates `first`/`last` and `after`/`before` (BAD_USER_INPUT): PageArgs' decorators check the
 * sizes at the GraphQL edge, this checks them again for callers that do not come through the
 * ValidationPipe. `first: 0` (or `last: 0`) asks only for the count and pageInfo.
 */
export function toKeysetPageRequest(args: PageArgs, list: string): KeysetPageRequest {
  for (const field of ['first', 'last'] as const) {
    const size = args[field];
    if (size !== undefined && size !== null && !(Number.isInteger(size) && size >= 0 && size <= MAX_PAGE_SIZE)) {
      throw DomainError.badInput(field, `must be a whole number from 0 to ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = args.last !== undefined && args.last !== null;
  if (backward && args.first !== undefined && args.first !== null) {
    throw DomainError.badInput('last', 'cannot be combined with first: ask for a page from the start (first) or from the end (last)');
  }
  return {
    list,
    limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    after: args.after ? decodeCursor(args.after, list) : null,
    before: args.before ? decodeCursor(args.before, list, 'before') : null,
    backward,
  };
}

/**
 * Turns `limit + 1` rows fetched in keyset order (reverse order for a backward page) into a
 * connection: the extra row only tells whether another page exists in the direction read.
 */
export function toConnection<T extends { id: string }>(
  rows: T[],
  page: KeysetPageRequest,
  totalCount: number,
  sortKeyOf: (row: T) => string | number | null,
): Connection<T> {
  const more = rows.length > page.limit;
  const read = more ? rows.slice(0, page.limit) : rows;
  const nodes = page.backward ? read.reverse() : read;
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(page.list, { key: sortKeyOf(node), id: node.id }) }));
  return {
    edges,
    pageInfo: {
      // The row a cursor names exists, so a page bounded by one has an edge beyond it.
      hasNextPage: page.backward ? page.before !== null : more,
      hasPreviousPage: page.backward ? more : page.after !== null,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
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
  const bounds = [
    { name: 'after', position: page.after, comparison: order.direction === 'ASC' ? '>' : '<' },
    { name: 'before', position: page.before, comparison: order.direction === 'ASC' ? '<' : '>' },
  ] as const;
  for (const { name, position, comparison } of bounds) {
    if (!position) continue;
    if (!order.isValidKey(position.key)) throw DomainError.badInput(name, 'is not a cursor of this list');
    pageQuery.andWhere(`(${order.sql}, ${order.idSql}) ${comparison} (CAST(:${name}Key AS ${order.cast}), CAST(:${name}Id AS uuid))`, {
      [`${name}Key`]: position.key,
      [`${name}Id`]: position.id,
    });
  }
  // A backward page reads from the far end, in reverse, and is turned back in toConnection.
  const reading = page.backward ? (order.direction === 'ASC' ? 'DESC' : 'ASC') : order.direction;
  pageQuery.orderBy(order.sql, reading).addOrderBy(order.idSql, reading).limit(page.limit + 1);
  const [rows, totalCount] = await pageAndTotal(pageQuery, count, page.after !== null || page.before !== null);
  return toConnection(rows, page, totalCount, order.keyOf);
}
