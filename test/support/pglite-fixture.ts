import { PGlite } from '@electric-sql/pglite';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tableChecksums } from './table-checksums';

/**
 * PGlite for the upgrade test, in a process of its own (its WASM loader does not
 * run inside Jest's module sandbox):
 *   node -r ts-node/register/transpile-only test/support/pglite-fixture.ts create DIR
 *   node -r ts-node/register/transpile-only test/support/pglite-fixture.ts checksums DIR   (prints JSON)
 */
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** The migrations, in order, as TypeORM would run them. */
function migrations(): MigrationInterface[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the migration files, loaded by name as TypeORM does
    .flatMap((file) => Object.values(require(join(MIGRATIONS_DIR, file)) as Record<string, new () => MigrationInterface>))
    .map((Migration) => new Migration());
}

/**
 * A DATA_DIR as the earlier version left it: PGlite's files at its top level, migrated by the
 * same migrations (through a query runner over PGlite) and holding some rows, Cyrillic included.
 */
async function createPGliteDataDir(dataDir: string): Promise<void> {
  const pg = await PGlite.create({ dataDir });
  const runner = { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows } as unknown as QueryRunner;
  await pg.exec(`CREATE TABLE "typeorm_migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_typeorm_migrations" PRIMARY KEY ("id"))`);
  for (const migration of migrations()) {
    await migration.up(runner);
    const name = migration.name ?? migration.constructor.name;
    await pg.query(`INSERT INTO typeorm_migrations ("timestamp", name) VALUES ($1, $2)`, [Number(/\d{13}/.exec(name)![0]), name]);
  }
  await pg.exec(`
    INSERT INTO organization (name, kind) SELECT jsonb_build_object('ru', 'Организация ' || i), 'NGO' FROM generate_series(1, 200) i;
    INSERT INTO meeting (title, held_on, format, settlement) SELECT jsonb_build_object('ky', 'Тегерек стол ' || i), DATE '2024-01-01' + i, 'ROUNDTABLE', '{"en": "Sokuluk"}' FROM generate_series(1, 50) i;
    INSERT INTO recommendation (code, title, kind, status, due_date, meeting_id)
      SELECT 'UPG-' || lpad(i::text, 4, '0'), jsonb_build_object('en', 'Recommendation ' || i || ' — аялдар'), 'QUOTA',
             (ARRAY['PROPOSED','ACCEPTED','IN_PROGRESS','IMPLEMENTED']::recommendation_status[])[1 + i % 4],
             DATE '2025-01-01' + i, (SELECT id FROM meeting ORDER BY title->>'ky' LIMIT 1 OFFSET i % 50)
        FROM generate_series(1, 2000) i;
  `);
  await pg.close();
}

async function main(): Promise<void> {
  const [command, dataDir] = process.argv.slice(2);
  if (command === 'create') return createPGliteDataDir(dataDir);
  if (command === 'checksums') {
    const pg = await PGlite.create({ dataDir });
    const sums = await tableChecksums(async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows);
    await pg.close();
    process.stdout.write(JSON.stringify(sums));
    return;
  }
  throw new Error('usage: pglite-fixture.ts create|checksums DIR');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
