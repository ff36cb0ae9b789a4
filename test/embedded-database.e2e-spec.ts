import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startService, stopAllServices, tempDataDir } from './support/service-process';

const MEETINGS = '{ meetings { totalCount edges { node { title settlement recommendations { code statusHistory { to changedAt } } } } } }';

/**
 * The newcomer's path: no DATABASE_URL, so the service runs on the embedded
 * PostgreSQL (its own server process) under DATA_DIR, loads the Sokuluk roundtable on its first
 * start, keeps data across restarts, and stops cleanly on SIGTERM.
 */
describe('the service on the embedded database', () => {
  const dataDir = tempDataDir('tracker-embedded-');
  afterEach(stopAllServices);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds on first start, persists across a restart, never seeds twice, and shuts down gracefully on SIGTERM', async () => {
    const first = await startService({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    const seeded = await first.graphql(MEETINGS);
    expect(seeded.errors).toBeUndefined();
    expect(seeded.data.meetings.totalCount).toBe(1);
    const meeting = seeded.data.meetings.edges[0].node;
    expect(meeting).toMatchObject({ title: "Regional roundtable on women's political participation", settlement: 'Sokuluk' });
    expect(meeting.recommendations.map((r: { code: string }) => r.code)).toEqual(['SOK-2024-01', 'SOK-2024-02', 'SOK-2024-03']);
    expect(meeting.recommendations[0].statusHistory[0].changedAt.slice(0, 10)).toBe('2024-08-13');

    const created = await first.graphql(
      `mutation { createMeeting(input: { title: "Follow-up hearing", heldOn: "2025-02-10", format: HEARING, settlement: "Bishkek" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // ADMIN_TOKEN was set (by startService), so no first-admin token was made.
    expect(existsSync(join(dataDir, 'first-admin-token.txt'))).toBe(false);
    expect(first.output()).toContain('closed the database');
    expect(first.output()).toContain('Sokuluk roundtable sample');

    const second = await startService({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    const after = await second.graphql(MEETINGS);
    expect(after.data.meetings.totalCount).toBe(2);
    const again = await second.graphql(`query ($id: ID!) { meeting(id: $id) { title } }`, { id: created.data.createMeeting.id });
    expect(again.data.meeting).toEqual({ title: 'Follow-up hearing' });
    const recommendations = await second.graphql('{ recommendations { totalCount } }');
    expect(recommendations.data.recommendations.totalCount).toBe(3);
    expect(second.output()).not.toContain('Sokuluk roundtable sample');
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('creates a first ADMIN token on a fresh database when no ADMIN_TOKEN is configured', async () => {
    const freshDir = tempDataDir('tracker-first-run-');
    try {
      const service = await startService({ DATA_DIR: freshDir, ADMIN_TOKEN: '' });
      const token = readFileSync(join(freshDir, 'first-admin-token.txt'), 'utf8').trim();
      expect(token).toMatch(/^rtt_/);
      const anonymous = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ apiTokens { name role } }' }),
      });
      expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const withToken = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ apiTokens { name role } }' }),
      });
      expect((await withToken.json()).data.apiTokens).toEqual([{ name: 'first-admin', role: 'ADMIN' }]);
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid variable, naming it', async () => {
    await expect(startService({ DATA_DIR: dataDir, PORT: 'eighty' })).rejects.toThrow(/PORT/);
    await expect(startService({ DATA_DIR: dataDir, ADMIN_TOKEN: 'short' })).rejects.toThrow(/ADMIN_TOKEN must be at least 32 characters/);
    await expect(startService({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' })).rejects.toThrow(/DATABASE_URL must be a postgres/);
  });
});
