import { DataSource } from 'typeorm';

/**
 * Synthetic breakdowns for the export benchmark (issue 24: "exports of values at scale 10 with three
 * dimensions stay within 2× COPY"): plan BENCH-PD, 2023–2026, with 100 × scale RATIO indicators in
 * percent, each broken down by sex × age group × territory (the 2 sexes, the 6 age groups and the 9
 * oblasts and cities of the reference lists: 108 cells), mapped to SDG 5.5.1(b), and for every year
 * an approved value with its 108 cells. At scale 10: 1,000 indicators, 4,000 values, 432,000 cells.
 */
export const BREAKDOWN_PLAN = 'BENCH-PD';
export const BREAKDOWN_YEARS = [2023, 2026] as const;
export const CELLS_PER_VALUE = 2 * 6 * 9;

export function breakdownIndicators(scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--breakdown-scale must be a positive number, not ${scale}`);
  return Math.max(1, Math.round(100 * scale));
}

/** How many cells the plan holds now (0 when it was never seeded). */
export async function breakdownCells(db: DataSource): Promise<number> {
  const [{ n }]: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM indicator_value_cell c JOIN indicator_value_version w ON w.id = c.version_id
       JOIN indicator_value v ON v.id = w.indicator_value_id JOIN indicator i ON i.id = v.indicator_id
       JOIN action_plan p ON p.id = i.action_plan_id WHERE p.code = $1`,
    [BREAKDOWN_PLAN],
  );
  return n;
}

/** Replaces the plan's synthetic data with that of `scale` (bulk SQL, one transaction), then refreshes the planner's statistics. */
export async function seedBreakdowns(db: DataSource, scale: number, log: (line: string) => void): Promise<void> {
  const indicators = breakdownIndicators(scale);
  const [first, last] = BREAKDOWN_YEARS;
  const statements: [string, unknown[]][] = [
    [`DELETE FROM action_plan WHERE code = $1`, [BREAKDOWN_PLAN]],
    [`INSERT INTO action_plan (code, title, start_year, end_year) VALUES ($1, '{"en": "Synthetic plan, breakdowns"}', $2, $3)`, [BREAKDOWN_PLAN, first, last]],
    [
      `INSERT INTO indicator (action_plan_id, code, name, unit, unit_code, direction, value_kind, baseline_year, baseline_value)
       SELECT p.id, 'BENCH-D-' || lpad(g::text, 5, '0'), jsonb_build_object('en', 'Synthetic ratio ' || g || ', доля женщин'), '%', 'PERCENT', 'INCREASE', 'RATIO', $3, 20
         FROM generate_series(1, $2::int) g JOIN action_plan p ON p.code = $1`,
      [BREAKDOWN_PLAN, indicators, first - 1],
    ],
    [
      `INSERT INTO indicator_dimension (indicator_id, dimension_id, position)
       SELECT i.id, d.id, x.position FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1
         CROSS JOIN (VALUES ('SEX', 1), ('AGE', 2), ('TERRITORY', 3)) AS x(code, position) JOIN dimension d ON d.code = x.code`,
      [BREAKDOWN_PLAN],
    ],
    [
      `INSERT INTO indicator_framework_item (indicator_id, framework_item_id)
       SELECT i.id, f.id FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1
         JOIN framework_item f ON f.framework = 'SDG' AND f.code = '5.5.1(b)'`,
      [BREAKDOWN_PLAN],
    ],
    [
      `INSERT INTO indicator_value (indicator_id, period, year, quarter, value, source, note, recorded_at, recorded_by)
       SELECT i.id, y::text, y, NULL, 0, '{"en": "BENCH source"}', NULL, now() - interval '2 days', 'bench'
         FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1 CROSS JOIN generate_series($2::int, $3::int) y`,
      [BREAKDOWN_PLAN, first, last],
    ],
    [
      `INSERT INTO indicator_value_version (indicator_value_id, number, value, source, note, submitted_at, submitted_by, review_status, reviewed_at)
       SELECT v.id, 1, 0, v.source, NULL, now() - interval '2 days', 'bench', 'APPROVED', now() - interval '1 day'
         FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1`,
      [BREAKDOWN_PLAN],
    ],
    [
      `WITH m AS (SELECT d.code AS dimension, m.id FROM dimension_member m JOIN dimension d ON d.id = m.dimension_id
                   WHERE d.code IN ('SEX', 'AGE') OR (d.code = 'TERRITORY' AND m.parent_id IS NULL)),
            cell AS (SELECT w.id AS version_id, ARRAY(SELECT x FROM unnest(ARRAY[s.id, a.id, t.id]) x ORDER BY x) AS member_ids,
                            10 + floor(random() * 40) AS d, random() AS r
                       FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
                       JOIN indicator i ON i.id = v.indicator_id JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1
                       CROSS JOIN (SELECT id FROM m WHERE dimension = 'SEX') s
                       CROSS JOIN (SELECT id FROM m WHERE dimension = 'AGE') a
                       CROSS JOIN (SELECT id FROM m WHERE dimension = 'TERRITORY') t)
       INSERT INTO indicator_value_cell (version_id, member_ids, value, numerator, denominator)
       SELECT version_id, member_ids, 100 * floor(r * d) / d, floor(r * d), d FROM cell`,
      [BREAKDOWN_PLAN],
    ],
    // The versions' values are their totals, Σ numerator / Σ denominator, as recording a breakdown stores them.
    [
      `UPDATE indicator_value_version w SET value = t.value FROM (
         SELECT c.version_id, 100 * sum(c.numerator) / sum(c.denominator) AS value FROM indicator_value_cell c
           JOIN indicator_value_version w ON w.id = c.version_id JOIN indicator_value v ON v.id = w.indicator_value_id
           JOIN indicator i ON i.id = v.indicator_id JOIN action_plan p ON p.id = i.action_plan_id AND p.code = $1 GROUP BY c.version_id) t
        WHERE w.id = t.version_id`,
      [BREAKDOWN_PLAN],
    ],
    [
      `UPDATE indicator_value v SET value = w.value FROM indicator_value_version w, indicator i, action_plan p
        WHERE w.indicator_value_id = v.id AND i.id = v.indicator_id AND p.id = i.action_plan_id AND p.code = $1`,
      [BREAKDOWN_PLAN],
    ],
  ];
  await db.transaction(async (tx) => {
    for (const [sql, params] of statements) {
      const started = Date.now();
      await tx.query(sql, params);
      log(`  ${sql.trim().split('\n')[0].slice(0, 90)} … ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  await db.query('ANALYZE');
}
