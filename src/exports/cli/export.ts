import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ExportsModule } from '../exports.module';
import { ExportsService, PreparedExport } from '../exports.service';
import { STATISTICS_CSV } from '../statistics/statistics-csv';
import { StatisticsFilesService } from '../statistics/statistics-files.service';
import { createCliContext, fail } from './cli-context';
import { parseExportArguments } from './export-arguments';

const MiB = 1024 * 1024;

/**
 * `npm run export -- <what> --format csv|json|xlsx --out FILE [filters]`: the HTTP
 * exports, for operators with database access. Streams like the service does.
 */
async function main(): Promise<void> {
  const args = parseExportArguments(process.argv.slice(2));
  const app = await createCliContext(ExportsModule);
  try {
    const exports = app.get(ExportsService);
    const files = app.get(StatisticsFilesService);
    const file = args.statistics;
    const fileOptions = { asOf: args.options.asOf, valuesKnownBy: args.options.valuesKnownBy, lang: args.options.lang };
    const prepared: PreparedExport = !file
      ? await exports.prepare(args.name, args.options)
      : file.kind === 'open-sdg'
        ? await files.openSdgData(file.id, fileOptions)
        : file.kind === 'sdmx'
          ? await files.sdmxData(file.id, fileOptions)
          : await files.sdmxCodeList(file.id, fileOptions);
    const out: Writable = args.out === '-' ? process.stdout : createWriteStream(args.out);
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const rows =
      args.format === 'xlsx'
        ? await exports.writeXlsx(prepared, out)
        : args.format === 'json'
          ? await exports.writeNdjson(prepared, out)
          : await exports.writeCsv(prepared, out, file ? STATISTICS_CSV : args.csv);
    if (out !== process.stdout) {
      if (!out.writableEnded) out.end();
      await finished(out);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (args.stats) {
      // maxRSS is in KiB: the peak of the whole process, boot included.
      const maxRssMiB = (process.resourceUsage().maxRSS * 1024) / MiB;
      console.error(JSON.stringify({ rows, seconds, rssBeforeMiB: rssBefore / MiB, maxRssMiB }));
    } else if (args.out !== '-') {
      console.error(`${file ? `${file.kind} ${file.id}` : args.name}: ${rows} rows written to ${args.out} in ${seconds.toFixed(1)} s`);
    }
  } finally {
    await app.close();
  }
}

main().catch(fail);
