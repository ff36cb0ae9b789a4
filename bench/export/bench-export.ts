import { ValueStatus } from '../../src/action-plan/value-status';
import { fallbackChain } from '../../src/i18n/translations';
import 'reflect-metadata';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { todayIn } from '../../src/common/scalars/calendar-date';
import dataSource from '../../src/database/data-source';
import { exportContext } from '../../src/exports/as-of';
import { ExportLanguage } from '../../src/exports/export-language';
import { buildTranslator } from '../../src/i18n/i18n.service';
import { ExportContext } from '../../src/exports/exporters/export-context';
import { indicatorValueCellsExport, indicatorValuesExport } from '../../src/exports/exporters/indicator-values.export';
import { sdgObservationsQuery } from '../../src/dimensions/sdg-observations.export-query';
import { breakdownCells, breakdownIndicators, BREAKDOWN_PLAN, BREAKDOWN_YEARS, CELLS_PER_VALUE, seedBreakdowns } from './bench-breakdown';
import { recommendationsExport } from '../../src/exports/exporters/recommendations.export';
import { ExportQuery } from '../../src/database/sql/query';
import { ChildStats, runExportChild } from './bench-child';
import { timeCopy } from './bench-copy';
import { BenchRow, markdownTable, writeSection } from './bench-report';
import { benchCounts, isSeeded, seedBenchData } from './bench-seed';

const USAGE = `usage: DATABASE_URL=postgres://… npm run bench:export -- [--reseed] [--no-docs] [--breakdown-scale N] [--only breakdowns]
  Seeds (or reuses) 100,000 recommendations and 1,000,000 indicator values tagged BENCH-, and
  100 × N ratio indicators broken down by sex × age × territory (plan BENCH-PD, default N = 10),
  times the CSV and XLSX exports against COPY of the same rows, and measures peak memory.
  --only breakdowns runs the breakdown cases alone (without seeding the rest).`;

interface BenchCase {
  label: string;
  args: string[];
  query: ExportQuery;
  /** The formats timed (default CSV and XLSX). */
  formats?: readonly ('csv' | 'xlsx')[];
}

const log = (line: string) => console.log(line);

/** COPY once to warm the cache, then the better of two timed runs. */
async function copySeconds(query: ExportQuery): Promise<number> {
  await timeCopy(dataSource, query);
  const runs = [await timeCopy(dataSource, query), await timeCopy(dataSource, query)];
  return Math.min(...runs.map((r) => r.seconds));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reseed: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      'breakdown-scale': { type: 'string', default: '10' },
      only: { type: 'string' },
    },
  });
  const onlyBreakdowns = values.only === 'breakdowns';
  if (values.only !== undefined && !onlyBreakdowns) throw new Error(`--only takes "breakdowns"\n${USAGE}`);
  const breakdownScale = Number(values['breakdown-scale']);
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is required (a PostgreSQL database migrated with npm run migration:run)\n${USAGE}`);
  await dataSource.initialize();
  try {
    const counts = await benchCounts(dataSource);
    if (onlyBreakdowns) {
      log('breakdown cases only');
    } else if (values.reseed || !isSeeded(counts)) {
      log('seeding synthetic data (BENCH-*) …');
      await seedBenchData(dataSource, log);
    } else {
      log(`reusing synthetic data: ${counts.recommendations} recommendations, ${counts.values} indicator values`);
    }
    const expectedCells = breakdownIndicators(breakdownScale) * (BREAKDOWN_YEARS[1] - BREAKDOWN_YEARS[0] + 1) * CELLS_PER_VALUE;
    if (values.reseed || (await breakdownCells(dataSource)) !== expectedCells) {
      log(`seeding synthetic breakdowns (${BREAKDOWN_PLAN}, scale ${breakdownScale}: ${expectedCells.toLocaleString('en')} cells) …`);
      await seedBreakdowns(dataSource, breakdownScale, log);
    } else {
      log(`reusing synthetic breakdowns: ${expectedCells.toLocaleString('en')} cells`);
    }
    const [smallPlan]: { id: string }[] = await dataSource.query(`SELECT id FROM action_plan WHERE code = 'BENCH-P1'`);
    const [breakdownPlan]: { id: string }[] = await dataSource.query(`SELECT id FROM action_plan WHERE code = $1`, [BREAKDOWN_PLAN]);
    const [sdgItem]: { id: string }[] = await dataSource.query(`SELECT id FROM framework_item WHERE framework = 'SDG' AND code = '5.5.1(b)'`);
    const dimensions: { id: string; code: string; sdmxConcept: string | null }[] = await dataSource.query(
      `SELECT id, code, sdmx_concept AS "sdmxConcept" FROM dimension WHERE code IN ('SEX', 'AGE', 'TERRITORY') ORDER BY array_position(ARRAY['SEX', 'AGE', 'TERRITORY'], code::text)`,
    );
    const timeZone = process.env.APP_TIMEZONE ?? 'Asia/Bishkek';
    const ctx: ExportContext = exportContext(todayIn(timeZone), timeZone, { asOf: todayIn(timeZone), valuesKnownBy: todayIn(timeZone), valueStatus: ValueStatus.APPROVED }, new ExportLanguage(buildTranslator('en', timeZone)), fallbackChain('en', ['ru', 'ky']));
    const breakdownCases: BenchCase[] = [
      {
        label: `indicator value cells, sex × age × territory (${BREAKDOWN_PLAN}, scale ${breakdownScale})`,
        args: ['indicator-values', '--actionPlanId', breakdownPlan.id, '--breakdown', 'cells'],
        query: indicatorValueCellsExport({ actionPlanId: breakdownPlan.id, from: null, to: null }, ctx).query,
        formats: ['csv'],
      },
      {
        // Every indicator mapped to 5.5.1(b): the sample's and earlier data's too, if any (a few rows beside these).
        label: `Open SDG 5-5-1, sex × age × territory with subtotals (${BREAKDOWN_PLAN}, scale ${breakdownScale})`,
        args: ['open-sdg/5-5-1'],
        query: sdgObservationsQuery([sdgItem.id], dimensions, ctx),
        formats: ['csv'],
      },
    ];
    const cases: BenchCase[] = onlyBreakdowns
      ? breakdownCases
      : [
          { label: 'recommendations', args: ['recommendations'], query: recommendationsExport(dataSource, null, ctx).query },
          { label: 'indicator values (plan BENCH-P1)', args: ['indicator-values', '--actionPlanId', smallPlan.id], query: indicatorValuesExport({ actionPlanId: smallPlan.id, from: null, to: null }, ctx).query },
          { label: 'indicator values (all)', args: ['indicator-values'], query: indicatorValuesExport({ actionPlanId: null, from: null, to: null }, ctx).query },
          ...breakdownCases,
        ];
    const rows: BenchRow[] = [];
    for (const c of cases) {
      const copy = await copySeconds(c.query);
      for (const format of c.formats ?? (['csv', 'xlsx'] as const)) {
        log(`${c.label}, ${format} …`);
        const stats = await bestOf(format === 'csv' ? 2 : 1, () => runExportChild([...c.args, '--format', format]));
        rows.push({ export: c.label, format, copySeconds: copy, ...stats });
        log(`  ${stats.rows} rows in ${stats.seconds.toFixed(2)} s (COPY ${copy.toFixed(2)} s), peak RSS ${stats.maxRssMiB.toFixed(0)} MiB`);
      }
    }
    const table = markdownTable(rows);
    const summary = verdicts(rows);
    console.log(`\n${table}\n\n${summary.join('\n')}`);
    if (!values['no-docs'] && !onlyBreakdowns) {
      writeSection(join(__dirname, '..', '..', 'docs', 'benchmarks.md'), await section(table, summary));
      log('\nwrote the "## Exports" section of docs/benchmarks.md');
    }
  } finally {
    await dataSource.destroy();
  }
}

/** The fastest of `runs` runs, with the highest peak memory any of them reached. */
async function bestOf(runs: number, run: () => Promise<ChildStats>): Promise<ChildStats> {
  const results: ChildStats[] = [];
  for (let i = 0; i < runs; i++) results.push(await run());
  const fastest = results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, maxRssMiB: Math.max(...results.map((r) => r.maxRssMiB)) };
}

/** The two goals, checked: CSV within 2× of COPY; peak memory at 1M rows at most 1.3× that at 100k. */
function verdicts(rows: readonly BenchRow[]): string[] {
  const lines: string[] = [];
  for (const r of rows.filter((row) => row.format === 'csv')) {
    const ratio = r.seconds / r.copySeconds;
    lines.push(`- CSV ${r.export}: ${ratio.toFixed(2)}× COPY (goal ≤ 2×): ${ratio <= 2 ? 'met' : 'NOT met'}`);
  }
  for (const format of ['csv', 'xlsx'] as const) {
    const small = rows.find((r) => r.format === format && r.export.includes('BENCH-P1'));
    const all = rows.find((r) => r.format === format && r.export.includes('(all)'));
    if (!small || !all) continue;
    const ratio = all.maxRssMiB / small.maxRssMiB;
    lines.push(
      `- ${format.toUpperCase()} peak RSS at ${all.rows.toLocaleString('en')} rows / at ${small.rows.toLocaleString('en')} rows: ` +
        `${ratio.toFixed(2)}× (goal ≤ 1.3×): ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
    );
  }
  return lines;
}

async function section(table: string, summary: string[]): Promise<string> {
  const [{ server_version: version }]: { server_version: string }[] = await dataSource.query('SHOW server_version');
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${version} on the same machine`;
  // Other work on the machine shows here: the times are only as steady as this.
  const load = `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end of the run`;
  return [
    '## Exports',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:export\` (bench/export/bench-export.ts). ${machine}; ${load}.`,
    '',
    'Data: 100,000 synthetic recommendations (with barriers, organisations, indicator links and status changes) and 1,000,000',
    'indicator values (plan BENCH-P1 holds 100,000 of them), seeded by bulk SQL with codes starting BENCH-, beside any other data.',
    `Breakdowns: plan ${BREAKDOWN_PLAN} with 100 × scale ratio indicators mapped to SDG 5.5.1(b), each with an approved value for`,
    `${BREAKDOWN_YEARS[0]}–${BREAKDOWN_YEARS[1]} broken down by sex × age group × territory (${CELLS_PER_VALUE} cells a value; scale 10: 432,000 cells). Their cases`,
    'are the cells export (`indicator-values --breakdown cells`) and the Open SDG file of 5-5-1, whose rows add every subtotal',
    '(GROUP BY CUBE: 210 rows a value); each is compared with COPY of its own SELECT.',
    'Each export runs in a fresh `npm run export -- … --out /dev/null` process (ts-node included); "peak RSS" is that',
    "process's `maxRSS`, boot included, and \"RSS before export\" what it held once booted (about 200 MiB of which are",
    'ts-node and the TypeScript compiler; a built `node dist/…` process starts smaller). COPY is PostgreSQL\'s',
    '`COPY (same SELECT) TO STDOUT WITH (FORMAT csv, HEADER)` read through pg-copy-streams and discarded, best of two',
    'runs after a warm-up, in the same run; each CSV export is the faster of two runs, each XLSX export one run.',
    'On a PostgreSQL server the CSV itself comes from COPY, its cells formatted in SQL by the same rules as the',
    'JavaScript writer (the embedded database, and the indicators export whose progress is computed in JavaScript, use the',
    'writer): that is why it stays close to the bare COPY. XLSX is written by exceljs in JavaScript, at about 20,000 rows a second.',
    '',
    table,
    '',
    ...summary,
    '',
    'Reproduce:',
    '',
    '```sh',
    "psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE tracker_bench_exports'",
    'export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench_exports',
    'npm run migration:run',
    'npm run bench:export            # --reseed to rebuild the synthetic data, --no-docs to only print',
    '```',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
