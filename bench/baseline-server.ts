import { createServer } from 'node:http';
import { Pool } from 'pg';
import { BASELINE_SQL, BENCH_YEAR, OPEN_STATUSES } from './operations';

/**
 * The benchmark's baseline: a bare Node `http` server answering every POST with
 * the NGO dashboard page built by one SQL statement (JSON aggregation in
 * PostgreSQL, see BASELINE_SQL) through `pg`. No framework, no GraphQL, no
 * validation: the floor of what serving this data over HTTP costs.
 *
 * Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 10), APP_TIMEZONE (default Asia/Bishkek).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(1);
}
const pool = new Pool({
  connectionString: url,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'roundtable-tracker-baseline',
});
const timeZone = process.env.APP_TIMEZONE ?? 'Asia/Bishkek';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  // The request body (the GraphQL query) is read and ignored: the baseline answers one fixed question.
  req.resume();
  req.on('end', () => {
    pool
      .query<{ body: string }>(BASELINE_SQL, [OPEN_STATUSES, today(), BENCH_YEAR])
      .then((result) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': '1' }).end(result.rows[0].body);
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
  });
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`baseline listening on http://127.0.0.1:${Number(process.env.PORT ?? 3001)}/`);
});

const stop = () => {
  server.close();
  void pool.end().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
