/**
 * The ids of a framework item and of every item under it (a goal's targets and their indicators,
 * a target's indicators), as a subquery on the item id `itemParameter`: what "mapped to 5.5"
 * means for lists, filters and pages, so that a recommendation mapped to 5.5.1(b) counts under 5.5.
 */
export function frameworkSubtreeIdsSql(itemParameter: string): string {
  return `(WITH RECURSIVE subtree AS (
      SELECT f.id, f.framework, f.code FROM framework_item f WHERE f.id = ${itemParameter}
      UNION ALL
      SELECT c.id, c.framework, c.code FROM framework_item c JOIN subtree s ON c.framework = s.framework AND c.parent_code = s.code
    ) SELECT subtree.id FROM subtree)`;
}

/**
 * Per recommendation or indicator, the framework items mapped to it as "SDG 5.5; CEDAW CO5-TSM"
 * (in the lists' order), as a subquery to LEFT JOIN on `<alias>.owner_id`: one aggregate per
 * export, hash-joined, like the exports' other link columns.
 */
export function frameworkItemCodesByOwnerSql(owner: 'recommendation' | 'indicator'): string {
  const table = owner === 'recommendation' ? 'recommendation_framework_item' : 'indicator_framework_item';
  const column = owner === 'recommendation' ? 'recommendation_id' : 'indicator_id';
  return `(SELECT l.${column} AS owner_id, string_agg(f.framework || ' ' || f.code, '; ' ORDER BY f.framework, f.position, f.code) AS codes
      FROM ${table} l JOIN framework_item f ON f.id = l.framework_item_id GROUP BY l.${column})`;
}
