import { ActionPlanModule } from '../../src/action-plan/action-plan.module';
import { BarriersModule } from '../../src/barriers/barriers.module';
import { MeetingsModule } from '../../src/meetings/meetings.module';
import { RecommendationStatus } from '../../src/recommendations/recommendation.enums';
import { RecommendationsModule } from '../../src/recommendations/recommendations.module';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { ProgressSummaryService } from '../../src/reports/progress-summary.service';
import { ReportsModule } from '../../src/reports/reports.module';
import { createMeeting, createRecommendation as insertRecommendation, transition } from './support/factories';
import { createMediumModule, MediumModule } from './support/medium-module';

/**
 * The progress summary for the current year reads recommendation_tally_by_month and
 * _by_day, which triggers keep in every writing transaction. Whatever writes the recommendations
 * (the service, concurrent transitions, bulk SQL, deletes, TRUNCATE), the tallies must
 * equal a count of the recommendations themselves.
 */
const CLOSED = ['IMPLEMENTED', 'REJECTED'];

describe('recommendation status tally', () => {
  let t: MediumModule;
  let meetingId: string;
  let year: number;
  let today: string;

  /** Both tallies, as stored, against a GROUP BY over the recommendations. */
  const expectTallyExact = async () => {
    for (const [table, key, of] of [
      ['recommendation_tally_by_month', 'due_month', `date_trunc('month', due_date)::date`],
      ['recommendation_tally_by_day', 'due_date', 'due_date'],
    ]) {
      const counted = await t.sql(
        `SELECT status::text AS status, COALESCE(${of}, 'infinity'::date)::text AS key, count(*)::int AS n
           FROM recommendation GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      const tallied = await t.sql(
        `SELECT status::text AS status, ${key}::text AS key, recommendations AS n FROM ${table} WHERE recommendations <> 0 ORDER BY 1, 2`,
      );
      expect({ table, rows: tallied }).toEqual({ table, rows: counted });
    }
  };

  /** progressSummary of the current year against a count over the recommendations. */
  const expectSummaryMatchesRows = async () => {
    const rows = await t.sql<{ status: string; n: number; overdue: number }>(
      `SELECT status::text AS status, count(*)::int AS n,
              (count(*) FILTER (WHERE due_date < $1::date AND status::text <> ALL($2::text[])))::int AS overdue
         FROM recommendation GROUP BY status`,
      [today, CLOSED],
    );
    const progressSummary = await summary();
    const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(progressSummary.recommendationsTotal).toBe(rows.reduce((sum, r) => sum + r.n, 0));
    expect(progressSummary.overdue).toBe(rows.reduce((sum, r) => sum + r.overdue, 0));
    for (const { status, count } of progressSummary.byStatus) expect(count).toBe(counts[status] ?? 0);
  };

  /** The progress summary of the current year, as the progressSummary query reads it (today, every plan). */
  const summary = () => t.module.get(ProgressSummaryService).recommendationCounts(year, null, {});

  const createRecommendation = (input: { dueDate?: string }) => insertRecommendation(t, { title: 'Counted recommendation', meetingId, ...input });

  beforeAll(async () => {
    t = await createMediumModule([MeetingsModule, BarriersModule, ActionPlanModule, RecommendationsModule, ReportsModule]);
    meetingId = (await createMeeting(t)).id;
    [{ today }] = await t.sql<{ today: string }>(`SELECT (now() AT TIME ZONE 'Asia/Bishkek')::date::text AS today`);
    year = Number(today.slice(0, 4));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('follows creations, transitions and due-date changes made through the service', async () => {
    const ids: string[] = [];
    for (const dueDate of ['2025-01-01', '2025-01-01', undefined, '2099-12-31']) {
      ids.push((await createRecommendation(dueDate ? { dueDate } : {})).id);
    }
    await transition(t, ids[0], RecommendationStatus.UNDER_REVIEW);
    await transition(t, ids[1], RecommendationStatus.REJECTED);
    await t.module.get(RecommendationsService).update(ids[2], { dueDate: '2024-06-30' }, null, t.actor, 'en');
    await expectTallyExact();
    await expectSummaryMatchesRows();
    const progressSummary = await summary();
    // ids[0] (under review, 2025) and ids[2] (proposed, now 2024) are overdue; ids[1] is closed, ids[3] not due.
    expect(progressSummary.overdue).toBe(2);

    // This month's are counted by day: due yesterday is overdue, due today is not yet.
    const [{ yesterday }] = await t.sql<{ yesterday: string }>(`SELECT ($1::date - 1)::text AS yesterday`, [today]);
    await createRecommendation({ dueDate: yesterday });
    await createRecommendation({ dueDate: today });
    await expectTallyExact();
    await expectSummaryMatchesRows();
    expect((await summary()).overdue).toBe(3);
  });

  it('stays exact under 40 concurrent transitions sharing statuses and due dates (no deadlock, no lost update)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await createRecommendation({ dueDate: i % 2 ? '2030-01-01' : '2030-06-30' })).id);
    await Promise.all(ids.map((id) => transition(t, id, RecommendationStatus.UNDER_REVIEW)));
    // Opposite directions at once: half go on, half go back, all touching the same tally rows.
    const results = await Promise.allSettled(
      ids.flatMap((id, i) => [transition(t, id, i % 2 ? RecommendationStatus.ACCEPTED : RecommendationStatus.REJECTED), summary()]),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    await expectTallyExact();
    await expectSummaryMatchesRows();
  });

  it('follows bulk SQL: multi-row inserts, updates and deletes, and TRUNCATE', async () => {
    await t.sql(
      `INSERT INTO recommendation (code, title, kind, priority, status, due_date, meeting_id)
       SELECT 'BULK-' || g, jsonb_build_object('en', 'Bulk ' || g), 'MONITORING', 'MEDIUM',
              (ARRAY['PROPOSED','ACCEPTED','IN_PROGRESS','IMPLEMENTED']::recommendation_status[])[1 + g % 4],
              CASE WHEN g % 5 = 0 THEN NULL ELSE DATE '2024-01-01' + (g % 900) END, $1
         FROM generate_series(1, 500) g`,
      [meetingId],
    );
    await expectTallyExact();
    await t.sql(`UPDATE recommendation SET status = 'STALLED', due_date = due_date + 30 WHERE code LIKE 'BULK-%' AND status = 'IN_PROGRESS'`);
    await t.sql(`UPDATE recommendation SET title = jsonb_build_object('en', (title->>'en') || '.') WHERE code LIKE 'BULK-%'`);
    await expectTallyExact();
    await expectSummaryMatchesRows();
    await t.sql(`DELETE FROM recommendation WHERE code LIKE 'BULK-%' AND status = 'PROPOSED'`);
    await expectTallyExact();
    await expectSummaryMatchesRows();
    await t.sql(`TRUNCATE recommendation CASCADE`);
    await expectTallyExact();
    expect((await summary()).recommendationsTotal).toBe(0);
  });
});
