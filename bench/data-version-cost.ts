import { Client } from 'pg';

/**
 * What the data version costs a recommendation transition, in SQL: the transition's writes
 * (UPDATE recommendation … version check, INSERT status_change) in one transaction, N times,
 * with the data-version triggers on and then off, from 1 and from 8 clients at once.
 *   DATABASE_URL=postgres://… npx ts-node -T bench/data-version-cost.ts [transactions per client]
 * Uses a synthetic data set already loaded (npm run seed:synthetic); it moves recommendations
 * between IN_PROGRESS and STALLED and leaves them as it found them (the pairs cancel out).
 */
const TABLES = ['recommendation', 'status_change'];

async function run(url: string, clients: number, perClient: number, ids: string[]): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const start = process.hrtime.bigint();
  await Promise.all(
    conns.map(async (c, k) => {
      for (let i = 0; i < perClient; i++) {
        const id = ids[(k * perClient + i) % ids.length];
        await c.query('BEGIN');
        const [row] = (
          await c.query<{ status: string; version: number }>(
            `UPDATE recommendation SET status = CASE status WHEN 'IN_PROGRESS' THEN 'STALLED'::recommendation_status ELSE 'IN_PROGRESS' END,
               version = version + 1, updated_at = now() WHERE id = $1 RETURNING status, version`,
            [id],
          )
        ).rows;
        await c.query(
          `INSERT INTO status_change (recommendation_id, version, from_status, to_status, changed_at, note)
           VALUES ($1, $2, CASE $3 WHEN 'IN_PROGRESS' THEN 'STALLED' ELSE 'IN_PROGRESS' END::recommendation_status, $3::recommendation_status, now(), 'bench')`,
          [id, row.version, row.status],
        );
        await c.query('COMMIT');
      }
    }),
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await Promise.all(conns.map((c) => c.end()));
  return ms / (clients * perClient);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const perClient = Number(process.argv[2] ?? 500);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const ids = (await admin.query<{ id: string }>(`SELECT id FROM recommendation WHERE status IN ('IN_PROGRESS', 'STALLED') ORDER BY id LIMIT 4000`)).rows.map((r) => r.id);
  if (ids.length < 100) throw new Error('load a synthetic data set first (npm run seed:synthetic -- --scale 1)');
  const toggle = async (on: boolean) => {
    for (const table of TABLES) await admin.query(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER advance_data_version`);
  };
  try {
    for (const clients of [1, 8]) {
      const results: string[] = [];
      // Alternating rounds, so drift in the machine's load affects both alike.
      const on: number[] = [];
      const off: number[] = [];
      for (let round = 0; round < 3; round++) {
        await toggle(true);
        on.push(await run(url, clients, perClient, ids));
        await toggle(false);
        off.push(await run(url, clients, perClient, ids));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
      results.push(`${clients} client(s), ${perClient} transactions each, median of 3 rounds:`);
      results.push(`  triggers on:  ${median(on).toFixed(3)} ms per transaction`);
      results.push(`  triggers off: ${median(off).toFixed(3)} ms per transaction`);
      results.push(`  cost: ${(((median(on) - median(off)) / median(off)) * 100).toFixed(1)} %`);
      console.log(results.join('\n'));
    }
  } finally {
    await toggle(true);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
