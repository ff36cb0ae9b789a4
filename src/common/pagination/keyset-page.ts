import { Connection } from './connection.type';
import { CursorPosition, decodeCursor, encodeCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, PageArgs } from './page.args';

/** A page request after validation: how many rows, and where to start. */
export interface KeysetPageRequest {
  /** Names the list (and its ordering) in every cursor, see encodeCursor. */
  list: string;
  limit: number;
  after: CursorPosition | null;
}

export function toKeysetPageRequest(args: PageArgs, list: string): KeysetPageRequest {
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
