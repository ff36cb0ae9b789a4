import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config.service';
import { createBarrier, createIndicator, createMeeting, createOrganization, createRecommendation } from './support/factories';
import { startService, stopAllServices } from './support/service-process';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** The helpers in test/support that other files build on: they must do what they say. */
describe('test support', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createRecommendation', () => {
    it('creates a recommendation with a new meeting, barrier, responsible organisation and indicator', async () => {
      const recommendation = await createRecommendation(t, { priority: 'HIGH' });
      expect(recommendation).toMatchObject({ status: 'PROPOSED', priority: 'HIGH', kind: 'QUOTA', version: 1 });
      expect(recommendation.barriers).toHaveLength(1);
      expect(recommendation.responsibleOrganizations).toHaveLength(1);
      expect(recommendation.indicators).toHaveLength(1);
      // The barrier was raised in the recommendation's own meeting.
      const [barrier] = await t.sql<{ meeting_id: string }>('SELECT meeting_id FROM barrier_meeting WHERE barrier_id = $1', [
        recommendation.barriers[0].id,
      ]);
      expect(barrier.meeting_id).toBe(recommendation.meeting.id);
    });

    it('links what it is given, and nothing for an empty list', async () => {
      const meeting = await createMeeting(t);
      const barrier = await createBarrier(t, { meetingIds: [meeting.id] });
      const organizations = [await createOrganization(t), await createOrganization(t)];
      const indicator = await createIndicator(t);
      const linked = await createRecommendation(t, {
        meetingId: meeting.id,
        barrierIds: [barrier.id],
        responsibleOrganizationIds: organizations.map((o) => o.id),
        indicatorIds: [indicator.id],
      });
      expect(linked.meeting.id).toBe(meeting.id);
      expect(linked.barriers).toEqual([{ id: barrier.id }]);
      expect(linked.responsibleOrganizations.map((o) => o.id).sort()).toEqual(organizations.map((o) => o.id).sort());
      expect(linked.indicators).toEqual([{ id: indicator.id }]);

      const bare = await createRecommendation(t, { meetingId: meeting.id, barrierIds: [], responsibleOrganizationIds: [], indicatorIds: [] });
      expect(bare).toMatchObject({ barriers: [], responsibleOrganizations: [], indicators: [] });
    });
  });

  describe('createTestApp', () => {
    it("applies its settings to its own app only and leaves process.env as it was", async () => {
      const before = { ...process.env };
      const other = await createTestApp({ PUBLIC_READ: 'true', RESPONSE_CACHE: 'true' }, { databaseUrl: t.databaseUrl });
      try {
        expect(other.app.get(AppConfig).get('PUBLIC_READ')).toBe(true);
        expect(other.app.get(AppConfig).get('RESPONSE_CACHE')).toBe(true);
        expect(other.app.get(AppConfig).get('DATABASE_URL')).toBe(t.databaseUrl);
      } finally {
        await other.close();
      }
      expect(process.env).toEqual(before);
      // The app built before it keeps the test defaults.
      expect(t.app.get(AppConfig).get('PUBLIC_READ')).toBe(false);
      expect(t.app.get(AppConfig).get('RESPONSE_CACHE')).toBe(false);
    });
  });

  describe('startService', () => {
    afterAll(() => stopAllServices());

    it("waits for its own child: another process answering /health on the port does not make a failed start succeed", async () => {
      // What a parallel test's application did in CI: it took the port the child was given and answered for it.
      const impostor = createServer((_req, res) => res.writeHead(200).end('{"status":"ok"}'));
      await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = impostor.address() as AddressInfo;
        await expect(startService({ PORT: String(port), ADMIN_TOKEN: 'short' })).rejects.toThrow(/ADMIN_TOKEN must be at least 32 characters/);
      } finally {
        await new Promise((resolve) => impostor.close(resolve));
      }
    });
  });

  describe('graphql-types.ts', () => {
    it('is what `npm run codegen` generates from the committed schema.gql', () => {
      const result = spawnSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--check'], { cwd: ROOT, encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`).not.toContain('stale');
      expect(result.status).toBe(0);
    });
  });
});
