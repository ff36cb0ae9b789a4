import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readWholeEntities } from '../../database/linked-rows';

const TOTAL = 'page_total';

/**
 * A page's rows and the whole list's size in one statement: the count rides along as an
 * uncorrelated scalar subquery, which PostgreSQL runs once (an InitPlan), so a connection
 * costs one round trip instead of two.
 *
 * `count` selects the list's size as `n` (e.g. `countAll(filtered)`); its parameters are
 * merged into the page's, so a name they share must have the same value. An empty page
 * carries no count: the list is then empty unless the page started after a cursor, when
 * the count runs alone.
 */
export async function pageAndTotal<T extends ObjectLiteral>(
  page: SelectQueryBuilder<T>,
  count: SelectQueryBuilder<ObjectLiteral>,
  afterCursor: boolean,
): Promise<[T[], number]> {
  const pageParameters = page.getParameters();
  for (const [name, value] of Object.entries(count.getParameters())) {
    if (name in pageParameters && pageParameters[name] !== value) throw new Error(`pageAndTotal: parameter :${name} differs between page and count`);
  }
  const query = page.addSelect(`(${count.getQuery()})`, TOTAL).setParameters({ ...count.getParameters(), ...pageParameters });
  // Without TypeORM's hydration where the page is one entity selected whole (every list today).
  const { entities, raw } = (await readWholeEntities(query, [TOTAL])) ?? (await query.getRawAndEntities<Record<string, unknown>>());
  if (raw.length) return [entities, Number(raw[0][TOTAL])];
  if (!afterCursor) return [entities, 0];
  const alone = await count.getRawOne<{ n: string | number }>();
  return [entities, Number(alone?.n ?? 0)];
}

/** A plain count(*) of the query's rows (TypeORM's getCount() counts DISTINCT ids, which sorts or hashes every matching row). */
export function countAll<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query.select('count(*)', 'n');
}
