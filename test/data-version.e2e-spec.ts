import { Client } from 'pg';
import { DataVersionService } from '../src/data-version/data-version.service';
import { createOrganization, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('data version', () => {
  let t: TestApp;
  let versions: DataVersionService;
  // The stored row, as every instance reads it (writes here come from other connections, as from
  // another instance; how an instance learns them is in data-version-memory.e2e-spec.ts).
  const current = async () => BigInt((await t.sql<{ version: string }>('SELECT "version" FROM "data_version"'))[0].version);

  beforeAll(async () => {
    t = await createTestApp();
    versions = t.app.get(DataVersionService);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('advances by one per committed mutation, whatever the rows it writes', async () => {
    const before = await versions.current();
    await createOrganization(t, { name: unique('Org'), kind: 'NGO' });
    const after = await versions.current();
    expect(BigInt(after.version)).toBe(BigInt(before.version) + 1n);
    expect(after.changedAt.getTime()).toBeGreaterThanOrEqual(before.changedAt.getTime());
  });

  it('advances once for a multi-statement transaction and for bulk SQL, not for a rolled-back one or a read', async () => {
    const start = await current();
    await t.sql(`BEGIN; INSERT INTO organization (name, kind) SELECT jsonb_build_object('en', 'Bulk ' || g), 'NGO' FROM generate_series(1, 50) g;
      UPDATE organization SET name = jsonb_build_object('en', (name->>'en') || '.') WHERE name->>'en' LIKE 'Bulk %'; COMMIT;`);
    expect(await current()).toBe(start + 1n);
    await t.sql(`BEGIN; INSERT INTO organization (name, kind) VALUES ('{"en": "Rolled back"}', 'NGO'); ROLLBACK;`);
    await t.gqlOk('{ organizations { id } }');
    expect(await current()).toBe(start + 1n);
  });

  it('is not visible before the writing transaction commits, and is visible with its data after', async () => {
    const writer = new Client({ connectionString: t.databaseUrl });
    await writer.connect();
    try {
      const start = await current();
      const name = unique('Concurrent');
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO organization (name, kind) VALUES (jsonb_build_object('en', $1::text), 'NGO')`, [name]);
      // In flight: a reader sees neither the row nor a new version.
      expect(await current()).toBe(start);
      expect(await t.sql("SELECT 1 FROM organization WHERE name->>'en' = $1", [name])).toHaveLength(0);
      await writer.query('COMMIT');
      expect(await current()).toBe(start + 1n);
      expect(await t.sql("SELECT 1 FROM organization WHERE name->>'en' = $1", [name])).toHaveLength(1);
    } finally {
      await writer.end();
    }
  });

  it("advances when what answers show of a person changes (a responsible officer's name), not when they sign in", async () => {
    const [user] = await t.sql<{ id: string }>(
      `INSERT INTO app_user (email, display_name, role, preferred_language) VALUES ($1, 'Айгуль', 'EDITOR', 'ru') RETURNING id`,
      [`${unique('officer')}@example.kg`],
    );
    const start = await current();
    await t.sql(`UPDATE app_user SET last_sign_in_at = now(), preferred_language = 'ky' WHERE id = $1`, [user.id]);
    expect(await current()).toBe(start);
    await t.sql(`UPDATE app_user SET display_name = 'Айгуль Асанова' WHERE id = $1`, [user.id]);
    expect(await current()).toBe(start + 1n);
    await t.sql(`UPDATE app_user SET display_name = 'Айгуль Асанова' WHERE id = $1`, [user.id]);
    expect(await current()).toBe(start + 1n);
    await t.sql(`UPDATE app_user SET deactivated_at = now() WHERE id = $1`, [user.id]);
    expect(await current()).toBe(start + 2n);
  });

  it('concurrent writers each advance it once (no lost increment, no deadlock)', async () => {
    const start = await current();
    await Promise.all(Array.from({ length: 8 }, (_, i) => createOrganization(t, { name: unique(`Parallel ${i}`), kind: 'NGO' })));
    expect(await current()).toBe(start + 8n);
  });
});
