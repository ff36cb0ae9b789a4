import { DataSource } from 'typeorm';
import { JobQueue } from '../src/jobs/job-queue';
import { JobWorker } from '../src/jobs/job-worker';
import { createTestApp, TestApp } from './support/test-app';

/** Waits until `done()` holds (polling), failing after `ms`. */
async function until(done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const FAST = { JOBS_POLL_INTERVAL_MS: '200' };

describe('the job queue in PostgreSQL', () => {
  let t: TestApp;
  const runs: { n: number; attempt: number; app: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(FAST);
  });
  afterAll(async () => {
    await t?.close();
  });

  const pending = async () => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM graphile_worker.jobs`))[0].n);

  it('runs a committed job once, none for a rolled-back write, and one per job key', async () => {
    const queue = t.app.get(JobQueue);
    queue.register('test.record', async (payload) => {
      runs.push({ n: (payload as { n: number }).n, attempt: 0, app: 'a' });
    });
    const db = t.app.get(DataSource);
    await expect(
      db.transaction(async (manager) => {
        await queue.enqueueInTransaction(manager, 'test.record', { n: 1 });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await db.transaction((manager) => queue.enqueueInTransaction(manager, 'test.record', { n: 2 }));
    await db.transaction((manager) => queue.enqueueInTransaction(manager, 'test.record', { n: 3 }, { jobKey: 'same' }));
    await db.transaction((manager) => queue.enqueueInTransaction(manager, 'test.record', { n: 4 }, { jobKey: 'same' }));
    // Outside a transaction, the transactional entry point refuses rather than enqueue unguarded.
    await expect(queue.enqueueInTransaction(db.manager, 'test.record', { n: 5 })).rejects.toThrow('open transaction');
    expect(await pending()).toBe(2);

    await t.app.get(JobWorker).start();
    await until(async () => (await pending()) === 0);
    // Nothing more arrives afterwards.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs.map((r) => r.n).sort()).toEqual([2, 3]);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const queue = t.app.get(JobQueue);
    await t.app.get(JobWorker).stop();
    const attempts: number[] = [];
    queue.register('test.flaky', async (_payload, context) => {
      attempts.push(context.attempt);
      if (context.attempt < 2) throw new Error('not yet');
    });
    await t.app.get(JobWorker).start();
    await queue.enqueue('test.flaky', {});
    await until(async () => (await pending()) === 0, 20_000);
    expect(attempts).toEqual([1, 2]);
  }, 30_000);

  it('shares the jobs between two instances on one database: each runs once', async () => {
    await t.app.get(JobWorker).stop();
    const second = await createTestApp(FAST, { databaseUrl: t.databaseUrl });
    try {
      const seen: string[] = [];
      const byApp = new Map<string, number>();
      for (const [name, app] of [['a', t], ['b', second]] as const) {
        app.app.get(JobQueue).register('test.shared', async (payload) => {
          seen.push((payload as { id: string }).id);
          byApp.set(name, (byApp.get(name) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 20));
        });
      }
      const queue = t.app.get(JobQueue);
      for (let i = 0; i < 40; i++) await queue.enqueue('test.shared', { id: `job-${i}` });
      await Promise.all([t.app.get(JobWorker).start(), second.app.get(JobWorker).start()]);
      await until(async () => (await pending()) === 0);
      expect(seen.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `job-${i}`).sort());
      expect(new Set(seen).size).toBe(40);
      expect(byApp.get('a')).toBeGreaterThan(0);
      expect(byApp.get('b')).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('stops on shutdown: the app closes with the worker running', async () => {
    const other = await createTestApp({ ...FAST, JOBS_WORKER: 'true' });
    expect(other.app.get(JobWorker).running).toBe(true);
    await other.close();
    expect(other.app.get(JobWorker).running).toBe(false);
  });
});
