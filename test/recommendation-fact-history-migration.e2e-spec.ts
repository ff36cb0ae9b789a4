import { DataSource } from 'typeorm';
import { RecommendationFactHistory1796420000000 } from '../migrations/1796420000000-RecommendationFactHistory';
import { createRecommendation, transition } from './exports-support';
import { createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const UPDATE = `mutation ($id: ID!, $input: UpdateRecommendationInput!) { updateRecommendation(id: $id, input: $input) { id version } }`;

const HISTORY = `SELECT r.code, f.version, to_char(f.due_date, 'YYYY-MM-DD') AS due_date, f.priority::text AS priority,
                        f.responsible_organization_ids::text AS organizations, f.changed_at, f.changed_by
                   FROM recommendation_fact_change f JOIN recommendation r ON r.id = f.recommendation_id
                  ORDER BY r.code, f.version`;

/**
 * The migration that creates the fact history rebuilds it without loss: from the
 * audit log, the history of recommendations written through the service is the one
 * the service itself appended (same versions, facts, moments and authors); a row
 * with no audit entry (loaded in bulk) starts with today's facts at its creation.
 */
describe('migration RecommendationFactHistory: the history seeded from the audit log and the rows', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = new DataSource({ type: 'postgres', url: t.databaseUrl });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.close();
  });

  it('rebuilds what the service appended, and starts bulk-loaded rows with their facts at creation', async () => {
    const [a, b, c] = [await createOrganization(t), await createOrganization(t), await createOrganization(t)];
    const meetingId = (await createMeeting(t)).id;
    const first = await createRecommendation(t, { title: 'First', meetingId, dueDate: '2025-03-31', responsibleOrganizationIds: [a.id, b.id] });
    await transition(t, first, ['UNDER_REVIEW']);
    let v = (await t.gqlOk(UPDATE, { id: first.id, input: { dueDate: '2026-06-30' } })).updateRecommendation.version;
    v = (await t.gqlOk(UPDATE, { id: first.id, input: { title: 'First, renamed' } })).updateRecommendation.version;
    v = (await t.gqlOk(UPDATE, { id: first.id, input: { responsibleOrganizationIds: [c.id] } })).updateRecommendation.version;
    await t.gqlOk(UPDATE, { id: first.id, input: { priority: 'HIGH', dueDate: null } });
    expect(v).toBeGreaterThan(3);
    const second = await createRecommendation(t, { title: 'Second', meetingId, responsibleOrganizationIds: [] });
    await t.gqlOk(UPDATE, { id: second.id, input: { responsibleOrganizationIds: [b.id, a.id] } });
    const appended = await t.sql(HISTORY);
    expect(appended.filter((row) => row.code === first.code).map((row) => [row.due_date, row.priority])).toEqual([
      ['2025-03-31', 'MEDIUM'],
      ['2026-06-30', 'MEDIUM'],
      ['2026-06-30', 'MEDIUM'],
      [null, 'HIGH'],
    ]);

    // A row loaded without the service (no audit entry, no history): today's facts since its creation.
    const [bulk] = await t.sql<{ id: string }>(
      `INSERT INTO recommendation (code, title, kind, priority, status, due_date, meeting_id, created_at, updated_at)
       VALUES ('BULK-1', '{"en":"Bulk"}', 'EDUCATION', 'LOW', 'PROPOSED', '2027-01-31', $1, '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z') RETURNING id`,
      [meetingId],
    );
    await t.sql(`INSERT INTO recommendation_organization (recommendation_id, organization_id) VALUES ($1, $2)`, [bulk.id, c.id]);

    const runner = db.createQueryRunner();
    const migration = new RecommendationFactHistory1796420000000();
    await migration.down(runner);
    await migration.up(runner);
    await runner.release();

    const rebuilt = await t.sql(HISTORY);
    expect(rebuilt.filter((row) => row.code !== 'BULK-1')).toEqual(appended);
    expect(rebuilt.filter((row) => row.code === 'BULK-1')).toEqual([
      { code: 'BULK-1', version: 1, due_date: '2027-01-31', priority: 'LOW', organizations: `{${c.id}}`, changed_at: new Date('2024-05-01T00:00:00Z'), changed_by: null },
    ]);
  });
});
