import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { encodeCursor } from './cursor';
import { toConnection, toKeysetPageRequest } from './keyset-page';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page.args';

const ID = '0b0e6f36-3f5a-4c1e-9a51-6f8d0c2b7a11';

function badInputField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT) return (error.details as { field?: string }).field;
    throw error;
  }
  return undefined;
}

describe('toKeysetPageRequest', () => {
  it('defaults the page size and starts at the beginning', () => {
    expect(toKeysetPageRequest({}, 'meetings')).toEqual({ list: 'meetings', limit: DEFAULT_PAGE_SIZE, after: null, before: null, backward: false });
  });

  it('reads a cursor of the same list', () => {
    const after = encodeCursor('meetings', { key: '2024-08-13', id: ID });
    expect(toKeysetPageRequest({ first: 5, after }, 'meetings')).toEqual({
      list: 'meetings',
      limit: 5,
      after: { key: '2024-08-13', id: ID },
      before: null,
      backward: false,
    });
  });

  it('counts a page back from the end with last, bounded by before', () => {
    const before = encodeCursor('meetings', { key: '2024-08-13', id: ID });
    expect(toKeysetPageRequest({ last: 3, before }, 'meetings')).toEqual({
      list: 'meetings',
      limit: 3,
      after: null,
      before: { key: '2024-08-13', id: ID },
      backward: true,
    });
  });

  it('takes first = 0 (only the count and pageInfo)', () => {
    expect(toKeysetPageRequest({ first: 0 }, 'meetings').limit).toBe(0);
  });

  it.each([-1, 1.5, MAX_PAGE_SIZE + 1, Number.NaN])('refuses first = %p as BAD_USER_INPUT on `first`', (first) => {
    expect(badInputField(() => toKeysetPageRequest({ first }, 'meetings'))).toBe('first');
  });

  it.each([-1, 1.5, MAX_PAGE_SIZE + 1])('refuses last = %p as BAD_USER_INPUT on `last`', (last) => {
    expect(badInputField(() => toKeysetPageRequest({ last }, 'meetings'))).toBe('last');
  });

  it('refuses first and last together as BAD_USER_INPUT on `last`', () => {
    expect(badInputField(() => toKeysetPageRequest({ first: 2, last: 2 }, 'meetings'))).toBe('last');
  });

  it.each([
    ['a cursor of another list', encodeCursor('auditLog', { key: '2024-08-13', id: ID })],
    ['text that is no cursor', 'not-a-cursor'],
    ['a cursor without a UUID', encodeCursor('meetings', { key: '2024-08-13', id: 'x' })],
    ['a key holding NUL (PostgreSQL text cannot)', encodeCursor('meetings', { key: 'a\u0000', id: ID })],
    ['a key holding a lone surrogate', encodeCursor('meetings', { key: 'a\ud800', id: ID })],
    ['base64 of JSON that is cut short', Buffer.from('["meetings","2024-08-13",', 'utf8').toString('base64url')],
    ['base64 of bytes that are not UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]).toString('base64url')],
    ['an object instead of the array', Buffer.from(JSON.stringify({ list: 'meetings', key: 'a', id: ID }), 'utf8').toString('base64url')],
    ['an array of four', Buffer.from(JSON.stringify(['meetings', 'a', ID, 'x']), 'utf8').toString('base64url')],
    ['a key that is an object', Buffer.from(JSON.stringify(['meetings', { a: 1 }, ID]), 'utf8').toString('base64url')],
    ['a key that is a boolean', Buffer.from(JSON.stringify(['meetings', true, ID]), 'utf8').toString('base64url')],
    ['padding and characters outside base64url', 'WyJtZWV0aW5ncyJd=='],
  ])('refuses %s as BAD_USER_INPUT on `after`', (_name, after) => {
    expect(badInputField(() => toKeysetPageRequest({ after }, 'meetings'))).toBe('after');
  });
});

describe('toConnection', () => {
  it('drops the extra row and says whether there is a next page', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `${ID.slice(0, -1)}${n}`, n }));
    const page = toKeysetPageRequest({ first: 2 }, 'numbers');
    const connection = toConnection(rows, page, 3, (row) => row.n);
    expect(connection.edges.map((edge) => edge.node.n)).toEqual([1, 2]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: connection.edges[0].cursor,
      endCursor: connection.edges[1].cursor,
    });
    expect(toKeysetPageRequest({ after: connection.pageInfo.endCursor! }, 'numbers').after).toEqual({ key: 2, id: rows[1].id });
    expect(connection.totalCount).toBe(3);
  });
});

describe('toConnection, backward', () => {
  it('turns rows read in reverse back into list order and says whether there is a previous page', () => {
    const rows = [5, 4, 3].map((n) => ({ id: `${ID.slice(0, -1)}${n}`, n }));
    const before = encodeCursor('numbers', { key: 6, id: ID });
    const page = toKeysetPageRequest({ last: 2, before }, 'numbers');
    const connection = toConnection(rows, page, 6, (row) => row.n);
    expect(connection.edges.map((edge) => edge.node.n)).toEqual([4, 5]);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0].cursor);
  });
});
