import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { download } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createTestApp, TestApp } from './support/test-app';

type Csv = Record<string, string>[];
const records = (csv: string): Csv => parse<Record<string, string>>(csv, { bom: true, columns: true });

const UPDATE = `mutation ($id: ID!, $input: UpdateRecommendationInput!) {
  updateRecommendation(id: $id, input: $input) { id version dueDate priority }
}`;

const SUMMARY = `query ($year: Int!, $asOf: Date) {
  progressSummary(year: $year, asOf: $asOf) { asOf recommendationsTotal overdue implementationRate byStatus { status count } }
}`;

/**
 * A report as of a day reads due dates, priorities and responsible organisations as
 * they stood that day: moving a due date, changing the priority and the responsible
 * organisations after a report was downloaded leaves it byte-identical when it is
 * downloaded again with the same asOf, on the synthetic data (scale 0.01: history up
 * to 2026-10-31). Today's figures do show the changes.
 */
describe('recommendation facts as of a date (due date, priority, responsible organisations)', () => {
  let t: TestApp;
  let client: Client | null = null;
  const asOf = '2026-09-30';
  const year = 2026;
  const reports = [
    `/exports/recommendations.csv?asOf=${asOf}`,
    `/exports/recommendations.xlsx?asOf=${asOf}&lang=ru`,
    `/exports/recommendations.csv?asOf=${asOf}&overdue=true`,
    `/reports/progress.pdf?year=${year}&asOf=${asOf}`,
  ];
  const before = new Map<string, Buffer>();
  let summaryBefore: unknown;
  let moved: Record<string, string>;
  let brought: Record<string, string>;
  let organizations: { id: string; name: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await loadSyntheticData(client, 0.01, { reset: true });
    organizations = await t.sql<{ id: string; name: string }>(`SELECT id, name->>'en' AS name FROM organization ORDER BY name->>'en'`);
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  it('gives the same bytes for the same asOf after due dates, priorities and responsible organisations change', async () => {
    for (const path of reports) {
      const res = await download(t, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      before.set(path, res.body);
    }
    summaryBefore = (await t.gqlOk(SUMMARY, { year, asOf })).progressSummary;
    const rows = records(before.get(reports[0])!.toString('utf8'));
    // An overdue one whose deadline is extended past asOf, and one not yet due whose deadline is brought before asOf.
    moved = rows.find((r) => r.overdue === 'true' && r.responsible_organizations !== '')!;
    brought = rows.find((r) => r.overdue === 'false' && r.due_date > asOf && !['IMPLEMENTED', 'REJECTED'].includes(r.status))!;
    expect(moved).toBeDefined();
    expect(brought).toBeDefined();
    const [movedId, broughtId] = await Promise.all(
      [moved.code, brought.code].map(async (code) => (await t.sql<{ id: string }>('SELECT id FROM recommendation WHERE code = $1', [code]))[0].id),
    );
    const other = organizations.find((o) => !moved.responsible_organizations.split('; ').includes(o.name))!;
    await t.gqlOk(UPDATE, { id: movedId, input: { dueDate: '2027-06-30', responsibleOrganizationIds: [other.id], priority: moved.priority === 'LOW' ? 'HIGH' : 'LOW' } });
    await t.gqlOk(UPDATE, { id: broughtId, input: { dueDate: '2024-02-03' } });

    for (const path of reports) {
      const res = await download(t, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, identical: res.body.equals(before.get(path)!) }).toEqual({ path, identical: true });
    }
    expect((await t.gqlOk(SUMMARY, { year, asOf })).progressSummary).toEqual(summaryBefore);
  });

  it('shows the changes today, so the test above is not vacuous', async () => {
    const now = records((await download(t, '/exports/recommendations.csv')).text);
    const movedNow = now.find((r) => r.code === moved.code)!;
    expect(movedNow).toMatchObject({ due_date: '2027-06-30', overdue: 'false' });
    expect(movedNow.priority).not.toBe(moved.priority);
    expect(movedNow.responsible_organizations).not.toBe(moved.responsible_organizations);
    expect(now.find((r) => r.code === brought.code)).toMatchObject({ due_date: '2024-02-03' });
  });

  it('lists the deadline changes with who, when, from and to, only those recorded by asOf', async () => {
    const changes = records((await download(t, '/exports/deadline-changes.csv')).text);
    expect(changes.map((c) => [c.recommendation_code, c.from_due_date, c.to_due_date, c.changed_by])).toEqual(
      [
        [moved.code, moved.due_date, '2027-06-30', 'bootstrap-admin'],
        [brought.code, brought.due_date, '2024-02-03', 'bootstrap-admin'],
      ].sort((a, b) => a[0].localeCompare(b[0])),
    );
    const extension = changes.find((c) => c.recommendation_code === moved.code)!;
    expect(Number(extension.days_moved)).toBe(Math.round((Date.parse('2027-06-30') - Date.parse(moved.due_date)) / 86_400_000));
    expect(extension.changed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(records((await download(t, `/exports/deadline-changes.csv?asOf=${asOf}`)).text)).toEqual([]);
    const pdf = await download(t, `/reports/progress.pdf?year=${year}`);
    expect(pdf.status).toBe(200);
    const text = readPdf(pdf.body).pageTexts.join('\n');
    expect(text).toContain('Deadlines moved (2)');
    expect(text).toContain(`${moved.code}  `);
  });

  it('answers factHistory through a loader: the state before the first change, then each change', async () => {
    const data = await t.gqlOk(
      `query ($search: String) { recommendations(first: 5, filter: { search: $search }) { edges { node { code factHistory { version dueDate priority changedBy responsibleOrganizations { name } } } } } }`,
      { search: moved.code },
    );
    const node = data.recommendations.edges.map((e: { node: { code: string } }) => e.node).find((n: { code: string }) => n.code === moved.code);
    expect(node.factHistory).toHaveLength(2);
    expect(node.factHistory[0]).toMatchObject({ dueDate: moved.due_date, priority: moved.priority, changedBy: null });
    expect(node.factHistory[0].responsibleOrganizations.map((o: { name: string }) => o.name).sort().join('; ')).toBe(moved.responsible_organizations);
    expect(node.factHistory[1]).toMatchObject({ dueDate: '2027-06-30', changedBy: 'bootstrap-admin' });
    expect(node.factHistory[1].version).toBeGreaterThan(node.factHistory[0].version);
  });
});
