import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Actor } from '../../auth/actor';
import { Role } from '../../auth/role.enum';
import { AppConfig } from '../../config/app-config.service';
import { createCliContext, fail } from '../../exports/cli/cli-context';
import { publicImportSummary } from '../import-summary';
import { ImportsModule } from '../imports.module';
import { isLocale, LOCALES } from '../../i18n/locales';
import { IndicatorValuesImportService } from '../indicator-values-import.service';

const USAGE = `usage: npm run import -- FILE [--dry-run] [--as NAME] [--locale ky|ru|en]
  FILE      CSV (UTF-8) or XLSX with the header row action_plan,indicator_code,period,value,source,note[,locale]
            (the column names in Kyrgyz, Russian or English, as the indicator-values export writes them)
  --dry-run check every row and report, write nothing
  --as NAME recorded as recordedBy and in the audit trail (default: cli:$USER)
  --locale  the language of sources and notes in rows without a locale cell (default DEFAULT_CONTENT_LOCALE)
  --reason TEXT  why rows for periods that already have a value correct them (required when any does)
Prints the import summary as JSON; exits 1 when a row is rejected (and then nothing is written).`;

/**
 * `npm run import -- FILE`: the bulk import for operators with database access,
 * with the same checks, limits and all-or-nothing transaction as
 * POST /imports/indicator-values, acting as an ADMIN named by --as.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, as: { type: 'string' }, locale: { type: 'string' }, reason: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  const locale = values.locale;
  if (locale !== undefined && !isLocale(locale)) throw new Error(`--locale must be one of ${LOCALES.join(', ')}\n${USAGE}`);
  const path = positionals[0];
  const { size } = await stat(path);
  const app = await createCliContext(ImportsModule);
  try {
    const config = app.get(AppConfig);
    if (size > config.get('IMPORT_MAX_BYTES')) {
      throw new Error(`${path} is larger than IMPORT_MAX_BYTES (${config.get('IMPORT_MAX_BYTES')} bytes)`);
    }
    const file = await app.get(IndicatorValuesImportService).readFile(await readFile(path), {
      maxRows: config.get('IMPORT_MAX_ROWS'),
      maxUnpackedBytes: config.get('IMPORT_MAX_UNPACKED_BYTES'),
    });
    const actor: Actor = {
      tokenId: null,
      name: values.as?.trim() || `cli:${process.env.USER ?? 'operator'}`,
      role: Role.ADMIN,
      organizationId: null,
      requestId: null,
    };
    const summary = await app.get(IndicatorValuesImportService).importFile(file, { dryRun: values['dry-run'], actor, locale, correctionReason: values.reason });
    console.log(JSON.stringify(publicImportSummary(summary), null, 2));
    process.exitCode = summary.rejected > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().catch(fail);
