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
