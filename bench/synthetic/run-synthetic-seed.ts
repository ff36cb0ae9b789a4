import 'reflect-metadata';
import { Client } from 'pg';
import dataSource from '../../src/database/data-source';
import { loadSyntheticData } from './load-synthetic-data';

const USAGE = 'usage: npm run seed:synthetic -- --scale N [--reset]   (DATABASE_URL must point at a PostgreSQL server)';

function parseArgs(argv: string[]): { scale: number; reset: boolean } {
  let scale = 1;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reset') reset = true;
    else if (arg === '--scale') scale = Number(argv[++i]);
    else if (arg.startsWith('--scale=')) scale = Number(arg.slice('--scale='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--scale must be a positive number\n${USAGE}`);
  return { scale, reset };
}

/**
 * `npm run seed:synthetic -- --scale N`: applies pending migrations, then fills
 * the database with the deterministic synthetic data set of scale N (COPY, one
 * transaction). Refuses a database that already has recommendations unless
 * --reset is given, which empties the tables first.
 */
async function main(): Promise<void> {
  const { scale, reset } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  const client = new Client({ connectionString: url, application_name: 'roundtable-tracker-synthetic-seed' });
  await client.connect();
  try {
    console.log(`synthetic data, scale ${scale}${reset ? ' (reset)' : ''}:`);
    const result = await loadSyntheticData(client, scale, { reset, log: (line) => console.log(line) });
    console.log(`loaded in ${(result.milliseconds / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
