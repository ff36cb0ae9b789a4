import { syntheticTables } from './synthetic-data';

/** The synthetic data set is a demo at scale: its indicator values must be plausible. */
describe('synthetic indicator values', () => {
  const tables = syntheticTables(0.5);
  const rowsOf = (name: string) => [...(tables.find((t) => t.table === name)?.rows() ?? [])];
  const indicators = new Map(rowsOf('indicator').map((r) => [r[0] as string, { unit: r[4] as string, baseline: r[7] as number }]));
  const targets = rowsOf('indicator_target');
  const values = rowsOf('indicator_value');
  const today = Date.UTC(2026, 9, 31);

  it('stay within their unit’s range: shares 0–100, counts of people whole and not negative', () => {
    expect(new Set([...indicators.values()].map((i) => i.unit))).toEqual(new Set(['%', 'people']));
    for (const [, indicatorId, , , , value] of [...values, ...targets.map((t) => [null, t[0], null, null, null, t[2]])]) {
      const { unit } = indicators.get(indicatorId as string) as { unit: string };
      const v = value as number;
      if (unit === '%') expect(v >= 0 && v <= 100).toBe(true);
      else expect(v >= 0 && Number.isInteger(v)).toBe(true);
    }
  });

  it('are recorded after their quarter ended and never after the data set’s today', () => {
    for (const [, , , year, quarter, , , , recordedAt] of values) {
      const at = Date.parse(recordedAt as string);
      expect(at).toBeGreaterThanOrEqual(Date.UTC(year as number, (quarter as number) * 3, 1));
      expect(at).toBeLessThanOrEqual(today);
    }
  });

  it('move from the baseline towards the targets', () => {
    const lastTarget = new Map(targets.filter((t) => t[1] === 2026).map((t) => [t[0] as string, t[2] as number]));
    const latest = new Map<string, number>();
    for (const v of values) latest.set(v[1] as string, v[5] as number);
    for (const [id, { baseline }] of indicators) {
      const direction = Math.sign((lastTarget.get(id) as number) - baseline);
      expect(direction).not.toBe(0);
      expect(Math.sign((latest.get(id) as number) - baseline)).toBe(direction);
    }
  });
});
