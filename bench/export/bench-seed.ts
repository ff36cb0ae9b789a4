import { DataSource } from 'typeorm';

/** Synthetic data for the export benchmark: every record's code or title starts with BENCH-. */
export const BENCH = {
  recommendations: 100_000,
  indicators: 1_000,
  /** Indicators of the small plan (BENCH-P1); each indicator has 200 years × 5 periods = 1,000 values. */
  smallPlanIndicators: 100,
  valuesPerIndicator: 1_000,
} as const;

export interface BenchCounts {
  recommendations: number;
  values: number;
  smallPlanValues: number;
}

export async function benchCounts(db: DataSource): Promise<BenchCounts> {
  const [counts]: BenchCounts[] = await db.query(
    `SELECT (SELECT count(*) FROM recommendation WHERE code LIKE 'BENCH-R-%')::int AS recommendations,
            (SELECT count(*) FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code LIKE 'BENCH-I-%')::int AS values,
            (SELECT count(*) FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
               JOIN action_plan p ON p.id = i.action_plan_id WHERE p.code = 'BENCH-P1')::int AS "smallPlanValues"`,
  );
  return counts;
}

/** True when an earlier run left the full synthetic data set. */
export function isSeeded(counts: BenchCounts): boolean {
  return (
    counts.recommendations === BENCH.recommendations &&
    counts.values === BENCH.indicators * BENCH.valuesPerIndicator &&
    counts.smallPlanValues === BENCH.smallPlanIndicators * BENCH.valuesPerIndicator
  );
}

const REMOVE = [
  `DELETE FROM recommendation WHERE code LIKE 'BENCH-R-%'`,
  `DELETE FROM action_plan WHERE code LIKE 'BENCH-P%'`,
  `DELETE FROM barrier WHERE title LIKE 'BENCH-B %'`,
  `DELETE FROM meeting WHERE title LIKE 'BENCH-M %'`,
  `DELETE FROM organization WHERE name LIKE 'BENCH-ORG %'`,
];

/**
 * Bulk SQL (INSERT ... SELECT over generate_series), in one transaction:
 * 20 organisations, 100 meetings, 200 barriers, two plans of 1901-2100 with
 * 100 and 900 indicators, 1,000,000 values, 100,000 recommendations with their
 * links and one or two status changes each. Text carries commas, quotes and
 * Cyrillic so that the CSV writer has quoting to do.
 */
const INSERT = [
  `INSERT INTO organization (name, kind) SELECT jsonb_build_object('en', 'BENCH-ORG ' || lpad(g::text, 2, '0') || ', министерство'), 'MINISTRY' FROM generate_series(1, 20) g`,
  `INSERT INTO meeting (title, held_on, format, settlement, region)
   SELECT jsonb_build_object('en', 'BENCH-M ' || lpad(g::text, 3, '0')), date '2020-01-01' + g * 7, 'ROUNDTABLE', '{"ru": "Сокулук"}', '{"ky": "Чүй"}' FROM generate_series(1, 100) g`,
  `INSERT INTO barrier (title, category) SELECT jsonb_build_object('en', 'BENCH-B ' || lpad(g::text, 3, '0') || ': барьер, "quoted"'), 'LEGAL' FROM generate_series(1, 200) g`,
  `WITH b AS (SELECT id, row_number() OVER (ORDER BY title->>'en') AS n FROM barrier WHERE title->>'en' LIKE 'BENCH-B %'),
        m AS (SELECT array_agg(id ORDER BY title->>'en') AS ids FROM meeting WHERE title->>'en' LIKE 'BENCH-M %')
   INSERT INTO barrier_meeting (barrier_id, meeting_id) SELECT b.id, m.ids[(b.n - 1) % 100 + 1] FROM b, m`,
  `INSERT INTO action_plan (code, title, start_year, end_year)
   VALUES ('BENCH-P1', '{"en": "Synthetic plan, small"}', 1901, 2100), ('BENCH-P2', '{"en": "Synthetic plan, large"}', 1901, 2100)`,
  `WITH o AS (SELECT array_agg(id ORDER BY name->>'en') AS ids FROM organization WHERE name->>'en' LIKE 'BENCH-ORG %')
   INSERT INTO indicator (action_plan_id, code, name, unit, direction, baseline_year, baseline_value, responsible_organization_id)
   SELECT p.id, 'BENCH-I-' || lpad(g::text, 4, '0'), jsonb_build_object('ru', 'Synthetic indicator ' || g || ', доля женщин'), '%',
          (CASE WHEN g % 2 = 0 THEN 'INCREASE' ELSE 'DECREASE' END)::indicator_direction, 1901, g % 50, o.ids[g % 20 + 1]
     FROM generate_series(1, ${BENCH.indicators}) g
     JOIN action_plan p ON p.code = CASE WHEN g <= ${BENCH.smallPlanIndicators} THEN 'BENCH-P1' ELSE 'BENCH-P2' END
     CROSS JOIN o`,
  `INSERT INTO indicator_value (indicator_id, period, year, quarter, value, source, note, recorded_at, recorded_by)
   SELECT i.id, y::text || CASE WHEN q = 0 THEN '' ELSE '-Q' || q END, y, NULLIF(q, 0)::smallint,
          round((random() * 1000 - 100)::numeric, 2)::float8, '{"en": "BENCH source"}',
          CASE WHEN q = 2 THEN '{"en": "revised, \\"provisional\\""}'::jsonb END, now() - (y - 1900) * interval '1 hour', 'bench'
     FROM indicator i CROSS JOIN generate_series(1901, 2100) y CROSS JOIN generate_series(0, 4) q
    WHERE i.code LIKE 'BENCH-I-%'`,
  `WITH m AS (SELECT array_agg(id ORDER BY title->>'en') AS ids FROM meeting WHERE title->>'en' LIKE 'BENCH-M %')
   INSERT INTO recommendation (code, title, kind, priority, status, due_date, meeting_id, version)
   SELECT 'BENCH-R-' || lpad(g::text, 6, '0'), jsonb_build_object('en', 'Synthetic recommendation ' || g || ': обучение, "mentoring"'),
          (enum_range(NULL::recommendation_kind))[g % 9 + 1], (enum_range(NULL::priority))[g % 3 + 1],
          (enum_range(NULL::recommendation_status))[g % 7 + 1], date '2024-01-01' + g % 1500, m.ids[g % 100 + 1],
          CASE WHEN g % 7 = 0 THEN 1 ELSE 2 END
     FROM generate_series(1, ${BENCH.recommendations}) g CROSS JOIN m`,
  `WITH r AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM recommendation WHERE code LIKE 'BENCH-R-%'),
        b AS (SELECT array_agg(id ORDER BY title->>'en') AS ids FROM barrier WHERE title->>'en' LIKE 'BENCH-B %')
   INSERT INTO recommendation_barrier (recommendation_id, barrier_id)
   SELECT r.id, b.ids[(r.n + k * 7) % 200 + 1] FROM r CROSS JOIN b CROSS JOIN generate_series(0, 1) k`,
  `WITH r AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM recommendation WHERE code LIKE 'BENCH-R-%'),
        o AS (SELECT array_agg(id ORDER BY name->>'en') AS ids FROM organization WHERE name->>'en' LIKE 'BENCH-ORG %')
   INSERT INTO recommendation_organization (recommendation_id, organization_id)
   SELECT r.id, o.ids[(r.n + k * 3) % 20 + 1] FROM r CROSS JOIN o CROSS JOIN generate_series(0, 1) k WHERE k <= r.n % 2`,
  `WITH r AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM recommendation WHERE code LIKE 'BENCH-R-%'),
        i AS (SELECT array_agg(id ORDER BY code) AS ids FROM indicator WHERE code LIKE 'BENCH-I-%')
   INSERT INTO recommendation_indicator (recommendation_id, indicator_id) SELECT r.id, i.ids[r.n % 1000 + 1] FROM r CROSS JOIN i`,
  `INSERT INTO status_change (recommendation_id, version, from_status, to_status, changed_at, changed_by, note)
   SELECT id, 1, NULL, 'PROPOSED', now() - interval '400 days', 'bench', '{"en": "Proposed at a synthetic roundtable"}'
     FROM recommendation WHERE code LIKE 'BENCH-R-%'`,
  `INSERT INTO status_change (recommendation_id, version, from_status, to_status, changed_at, changed_by, note)
   SELECT id, 2, 'PROPOSED', status, now() - interval '100 days', 'bench', '{"en": "Moved on, \\"as agreed\\""}'
     FROM recommendation WHERE code LIKE 'BENCH-R-%' AND version = 2`,
];

/** Replaces any earlier synthetic data with a complete set, then refreshes the planner's statistics. */
export async function seedBenchData(db: DataSource, log: (line: string) => void): Promise<void> {
  await db.transaction(async (tx) => {
    for (const sql of [...REMOVE, ...INSERT]) {
      const started = Date.now();
      await tx.query(sql);
      log(`  ${sql.trim().split('\n')[0].slice(0, 90)} … ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  await db.query('ANALYZE');
}
