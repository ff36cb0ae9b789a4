import { createMeeting } from './support/factories';
import { replicaUnavailableReason, startStreamingReplica, StreamingReplica } from './support/streaming-replica';
import { createTestApp, TestApp } from './support/test-app';

/**
 * DATABASE_REPLICA_URLS for real: a temporary primary and a streaming replica of
 * it (see support/streaming-replica.ts). Replay on the replica is paused while a
 * write happens, so the replica is visibly behind: whatever shows the new data
 * was read from the primary, whatever misses it from the replica. Every
 * statement is in the servers' logs, which say the same.
 */
const unavailable = replicaUnavailableReason();
if (unavailable) console.log(`[replication] skipped: ${unavailable}`);
const describeWithReplica = unavailable ? describe.skip : describe;

/** The app's statements in a server's log since the last mark (its own pool's application_name). */
function appStatements(lines: string[]): string[] {
  return lines.filter((line) => line.startsWith('app=roundtable-tracker ') && /(statement|execute [^:]*): /.test(line));
}

const CREATE = `mutation ($input: CreateRecommendationInput!) {
  createRecommendation(input: $input) { id code status version meeting { title } statusHistory { to } }
}`;
const TRANSITION = `mutation ($input: TransitionRecommendationInput!) {
  transitionRecommendation(input: $input) { id status version statusHistory { to } }
}`;
const READ = `query ($id: ID!) { recommendation(id: $id) { id status statusHistory { to } } }`;

describeWithReplica('read replicas (DATABASE_REPLICA_URLS)', () => {
  let cluster: StreamingReplica;
  let t: TestApp;
  let meetingTitle: string;

  /** Set when the servers could not be made here (e.g. initdb refused to run): the tests then say so and pass. */
  let cannotRun: string | null = null;
  const skipped = () => {
    if (cannotRun) console.log(`[replication] skipped: ${cannotRun}`);
    return cannotRun !== null;
  };

  beforeAll(async () => {
    try {
      cluster = await startStreamingReplica();
    } catch (error) {
      cannotRun = `could not start a primary and a streaming replica: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    await cluster.sql('primary', 'postgres', 'CREATE DATABASE tracker');
    await cluster.waitForReplay();
    // Boots against the primary (migrations run there) with the replica for reads.
    t = await createTestApp(
      { DATABASE_REPLICA_URLS: cluster.replicaUrl('tracker'), DATABASE_POOL_SIZE: '4' },
      { databaseUrl: cluster.primaryUrl('tracker') },
    );
    meetingTitle = (await createMeeting(t)).title;
    await cluster.waitForReplay();
  });
  afterAll(async () => {
    await t?.close();
    await cluster?.stop();
  });

  it('writes on the primary, answers the mutation from the primary, and reads queries from the replica', async () => {
    if (skipped()) return;
    const [meeting] = await cluster.sql<{ id: string }>('primary', 'tracker', 'SELECT id FROM meeting LIMIT 1');
    await cluster.pauseReplay();
    try {
      cluster.mark();
      const { createRecommendation: created } = await t.gqlOk(CREATE, {
        input: { title: 'Childcare at council sessions', kind: 'INSTITUTIONAL', meetingId: meeting.id },
      });
      // The answer's field resolvers ran after the transaction, on the primary: the replica has none of this yet.
      expect(created).toMatchObject({ status: 'PROPOSED', version: 1, meeting: { title: meetingTitle }, statusHistory: [{ to: 'PROPOSED' }] });
      const primary = appStatements(cluster.logSinceMark('primary'));
      const replica = appStatements(cluster.logSinceMark('replica'));
      expect(primary.some((line) => /INSERT INTO "recommendation"/.test(line))).toBe(true);
      expect(primary.some((line) => /FROM status_change/.test(line))).toBe(true);
      expect(replica.filter((line) => /INSERT|UPDATE|DELETE/.test(line))).toEqual([]);
      expect(replica.filter((line) => /recommendation|status_change|meeting/.test(line))).toEqual([]);

      // A query reads from the replica, which (replay paused) does not have the new recommendation yet.
      cluster.mark();
      const stale = await t.gqlOk(READ, { id: created.id });
      expect(stale.recommendation).toBeNull();
      expect(appStatements(cluster.logSinceMark('replica')).some((line) => /FROM "recommendation"/.test(line))).toBe(true);
      expect(appStatements(cluster.logSinceMark('primary')).filter((line) => /recommendation/.test(line))).toEqual([]);
      console.log(
        `[replication] mutation: ${primary.length} statements on the primary, ${replica.length} on the replica; ` +
          `query: ${appStatements(cluster.logSinceMark('replica')).length} on the replica, ` +
          `${appStatements(cluster.logSinceMark('primary')).length} on the primary`,
      );
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.waitForReplay();
    const fresh = await t.gqlOk(READ, { id: (await cluster.sql<{ id: string }>('primary', 'tracker', 'SELECT id FROM recommendation'))[0].id });
    expect(fresh.recommendation).toMatchObject({ status: 'PROPOSED', statusHistory: [{ to: 'PROPOSED' }] });
  });

  it('shows a transition in the mutation answer at once, and in queries once the replica has replayed it', async () => {
    if (skipped()) return;
    const [rec] = await cluster.sql<{ id: string }>('primary', 'tracker', 'SELECT id FROM recommendation LIMIT 1');
    await cluster.pauseReplay();
    try {
      const { transitionRecommendation: moved } = await t.gqlOk(TRANSITION, { input: { id: rec.id, to: 'UNDER_REVIEW', expectedVersion: 1 } });
      expect(moved).toMatchObject({ status: 'UNDER_REVIEW', version: 2, statusHistory: [{ to: 'PROPOSED' }, { to: 'UNDER_REVIEW' }] });
      // The replica lags: a read right after the write still sees the old state (the documented trade-off).
      const lagging = await t.gqlOk(READ, { id: rec.id });
      expect(lagging.recommendation).toMatchObject({ status: 'PROPOSED', statusHistory: [{ to: 'PROPOSED' }] });
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.waitForReplay();
    const caughtUp = await t.gqlOk(READ, { id: rec.id });
    expect(caughtUp.recommendation).toMatchObject({ status: 'UNDER_REVIEW', statusHistory: [{ to: 'PROPOSED' }, { to: 'UNDER_REVIEW' }] });
    const [primaryRows] = await cluster.sql<{ n: number }>('primary', 'tracker', 'SELECT count(*)::int AS n FROM status_change');
    const [replicaRows] = await cluster.sql<{ n: number }>('replica', 'tracker', 'SELECT count(*)::int AS n FROM status_change');
    expect(replicaRows.n).toBe(primaryRows.n);
  });

  it('refuses writes on the replica itself (it is a hot standby)', async () => {
    if (skipped()) return;
    await expect(cluster.sql('replica', 'tracker', 'CREATE TABLE nope (id int)')).rejects.toThrow(/read-only transaction/);
  });
});
