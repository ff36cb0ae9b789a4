import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** Entities by class and table: what a data source knows. */
function entitySet(dataSource: DataSource): string[] {
  return dataSource.entityMetadatas.map((metadata) => `${metadata.name} -> ${metadata.tableName}`).sort();
}

/** `npm run <script> -- ...args` on the test database, as an operator runs it. */
function npmRun(script: string, args: string[], databaseUrl: string): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The application registers entities per feature module (TypeOrmModule.forFeature,
 * autoLoadEntities); the TypeORM CLI, scripts and migrations:check load every
 * *.entity file. An entity missing from a module, or a module registering a class
 * that is not an entity file, makes the two sets differ here.
 */
describe('entity registration', () => {
  let t: TestApp;
  let databaseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    databaseUrl = t.databaseUrl;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("registers in the application exactly the entities the CLI's data source loads", async () => {
    const cli = new DataSource({ ...buildDataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 1 }), logging: false });
    await cli.initialize();
    try {
      const cliEntities = entitySet(cli);
      expect(cliEntities.length).toBeGreaterThanOrEqual(22);
      expect(entitySet(t.app.get(DataSource))).toEqual(cliEntities);
    } finally {
      await cli.destroy();
    }
  });

  // The CLIs run one feature module without the rest of the application: its modules must
  // register every entity it reads, and the entities those relate to.
  it('boots `npm run export` on the exports module alone', () => {
    const { status, output } = npmRun('export', ['recommendations', '--format', 'csv', '--out', '-'], databaseUrl);
    expect(output).not.toMatch(/metadata/i);
    expect(status).toBe(0);
    expect(output).toContain('code,title,kind');
  });

  it('boots `npm run import` on the imports module alone (the rows are checked in the database)', () => {
    const file = join(tmpdir(), `entity-registration-${process.pid}.csv`);
    writeFileSync(file, 'action_plan,indicator_code,period,value,source,note\nNO-SUCH-PLAN,X-1,2024,1,,\n');
    const { status, output } = npmRun('import', [file, '--dry-run'], databaseUrl);
    expect(output).not.toMatch(/metadata/i);
    expect(status).toBe(1);
    expect(output).toContain('no action plan has the code NO-SUCH-PLAN');
  });
});
