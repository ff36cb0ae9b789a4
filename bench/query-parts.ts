import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { DASHBOARD_PARTS, graphqlBody } from './operations';
import { cpuReading, cpuUsed, measuredServiceEnv, numberOption, scriptNodeFlags, startChild } from './processes';

const USAGE = `usage: npm run build && DATABASE_URL=postgres://… npm run bench:query-parts -- [--seconds S] [--connections C] [--rounds R]
  Where the uncached dashboard's CPU goes, by part of its query (issue 28): the built service, run as
  npm run start:prod runs it (RESPONSE_CACHE=false), is driven with each of DASHBOARD_PARTS in turn
  (bench/operations.ts: { __typename }, the page alone, then one part of the dashboard more at a time),
  --rounds times (default 2), each for --seconds (10) at --connections (32) after 2 s of warm-up. For each it
  prints the requests a second, the SQL statements a request and the CPU a request of the service's process
  and of its PostgreSQL backends, read from /proc (user and kernel): what a part adds is the difference
  to the line above. No profiler runs, so the figures are the service's own.`;

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  const args = process.argv.slice(2);
  const seconds = numberOption(args, '--seconds', 10);
  const connections = numberOption(args, '--connections', 32);
  const rounds = numberOption(args, '--rounds', 2);
  if (![seconds, connections, rounds].every((n) => Number.isInteger(n) && n > 0)) throw new Error(USAGE);
  const token = randomBytes(16).toString('hex');
  const env = measuredServiceEnv(databaseUrl, token);
  // The statements per request come from a second instance that exposes them (its counter's async hooks would slow the measured one).
  const counter = await startChild([...scriptNodeFlags('start:prod'), 'dist/src/main.js'], { ...env, EXPOSE_SQL_STATEMENT_COUNT: 'true' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const parts = DASHBOARD_PARTS.map((part) => ({ ...part, body: graphqlBody(part.query, part.variables), statements: '' }));
  try {
    for (const part of parts) {
      const res = await fetch(`${counter.url}/graphql`, { method: 'POST', headers, body: part.body });
      const text = await res.text();
      if (!res.ok || text.includes('"errors"')) throw new Error(`${part.name}: ${res.status} ${text.slice(0, 500)}`);
      part.statements = res.headers.get('x-sql-statements') ?? '?';
    }
  } finally {
    await counter.stop();
  }
  const service = await startChild([...scriptNodeFlags('start:prod'), 'dist/src/main.js'], env);
  try {
    console.log(`${rounds} round(s) of ${seconds} s at ${connections} connections; CPU per request from /proc\n`);
    console.log('| round | query | req/s | statements | service, ms per request | PostgreSQL, ms per request |\n|---:|---|---:|---:|---:|---:|');
    for (let round = 1; round <= rounds; round++) {
      for (const part of parts) {
        const load = { url: `${service.url}/graphql`, method: 'POST' as const, headers, body: part.body, connections };
        await autocannon({ ...load, duration: 2 });
        const before = await cpuReading(service.child.pid!, databaseUrl);
        const result = await autocannon({ ...load, duration: seconds });
        const after = await cpuReading(service.child.pid!, databaseUrl);
        if (result.non2xx || result.errors) throw new Error(`${part.name}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
        const used = cpuUsed(before, after);
        const serviceMs = used.service.user + used.service.system;
        const postgresMs = used.postgres.user + used.postgres.system;
        const requests = result.requests.total;
        console.log(
          `| ${round} | ${part.name} | ${(requests / seconds).toFixed(1)} | ${part.statements} | ${(serviceMs / requests).toFixed(2)} | ${(postgresMs / requests).toFixed(2)} |`,
        );
      }
    }
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
