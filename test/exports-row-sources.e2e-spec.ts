import { ValueStatus } from '../src/action-plan/value-status';
import { fallbackChain } from '../src/i18n/translations';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { todayIn } from '../src/common/scalars/calendar-date';
import { exportContext } from '../src/exports/as-of';
import { ExportLanguage } from '../src/exports/export-language';
import { buildTranslator } from '../src/i18n/i18n.service';
import { CsvOptions, DEFAULT_CSV_OPTIONS } from '../src/exports/tabular/csv-options';
import { indicatorValuesExport } from '../src/exports/exporters/indicator-values.export';
import { recommendationsExport } from '../src/exports/exporters/recommendations.export';
import { statusHistoryExport } from '../src/exports/exporters/status-history.export';
import { ExportQuery, RowBatch } from '../src/database/sql/query';
import { cellText } from '../src/exports/tabular/cell-text';
import { csvRecordsPath, writeCsv } from '../src/exports/tabular/csv-writer';
import { TabularExport } from '../src/exports/tabular/tabular-export';
import { PgServerRowSource } from '../src/exports/row-source/pg-server.row-source';
import { RowSource } from '../src/exports/row-source/row-source';
import { createRecommendation, transition } from './exports-support';
import { createActionPlan, createIndicator, createMeeting, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** Values as text, the way the server's cursor hands them over (the keyset source gets parsed ones). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return cellText(value);
}

async function csvOf(source: RowSource, table: TabularExport, options: CsvOptions = DEFAULT_CSV_OPTIONS): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeCsv(source, table, sink, options);
  return Buffer.concat(chunks).toString('utf8');
}

/** A server source that counts the COPY statements it runs (what the writer really used). */
function countingCopies(db: DataSource): { source: RowSource; copies: () => number } {
  const server = new PgServerRowSource(db);
  let copies = 0;
  const source: RowSource = {
    batches: (query) => server.batches(query),
    copyCsv: (query, columns, options) => {
      copies += 1;
      return server.copyCsv(query, columns, options);
    },
  };
  return { source, copies: () => copies };
}

async function read(source: RowSource, query: ExportQuery): Promise<{ fields: readonly string[]; rows: (string | null)[][]; batches: number }> {
  const all: RowBatch[] = [];
  for await (const batch of source.batches(query)) all.push(batch);
  return { fields: all[0]?.fields ?? [], rows: all.flatMap((b) => b.rows.map((r) => r.map(asText))), batches: all.length };
}

/**
 * The cursor reads the same rows in the same order whatever its batch size
 * (batches of 2 cross every boundary, including ties on the first key column),
 * and COPY writes the same CSV as the writer does from those rows.
 */
/** Sources that start formulas in ASCII and in Unicode look-alikes, and one empty. */
const SOURCES: Record<string, string> = { '2024': '+source', '2024-Q1': '\uFF1DSUM(A1)', '2025-Q4': '\u2212 2+3', '2025': '' };
/** The API trims blanks and invisible characters; written behind the API, they must not hide a formula from COPY either. */
const HIDDEN_BEHIND_BLANKS = '\u00A0\u200B\uFF0B1';

describe('row sources', () => {
  let t: TestApp;
  let db: DataSource;
  const ctx = exportContext(todayIn('Asia/Bishkek'), 'Asia/Bishkek', { asOf: todayIn('Asia/Bishkek'), valuesKnownBy: todayIn('Asia/Bishkek'), valueStatus: ValueStatus.APPROVED }, new ExportLanguage(buildTranslator('en', 'Asia/Bishkek')), fallbackChain('en', ['ru', 'ky']));

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const meetingId = (await createMeeting(t)).id;
    const titles = ['Recommendation, "quoted"', '=HYPERLINK("x")', 'Line one\nline two', '-1 is text here', 'Кыргызча: аялдар']
    for (const [i, title] of titles.entries()) {
      const rec = await createRecommendation(t, { title, meetingId, dueDate: '2025-01-0' + (i + 1) });
      if (i % 2 === 0) await transition(t, rec, ['UNDER_REVIEW', 'ACCEPTED'], i === 0 ? '@note, with "quotes"\r\nand a line' : undefined);
    }
    // Titles are translations (jsonb by locale); the test's requests write English.
    await t.sql(`UPDATE recommendation SET title = jsonb_build_object('en', E'\\t+tab') WHERE title->>'en' = '-1 is text here'`);
    await t.sql(`UPDATE recommendation SET title = jsonb_build_object('en', $1 || (title->>'en')) WHERE title->>'en' = 'Кыргызча: аялдар'`, [HIDDEN_BEHIND_BLANKS]);
    for (const code of ['B', 'A']) {
      const plan = await createActionPlan(t, { code: `PLAN-${code}`, startYear: 2024, endYear: 2026 });
      for (const indicatorCode of ['X-2', 'X-1']) {
        const indicator = await createIndicator(t, { actionPlanId: plan.id, code: indicatorCode });
        for (const period of ['2024', '2024-Q1', '2025-Q4', '2025']) {
          await recordValue(t, { indicatorId: indicator.id, period, value: period.length === 4 ? -0.25 : 1234567.125, source: SOURCES[period] });
        }
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['recommendations', () => recommendationsExport(db, null, ctx).query, 5],
    ['recommendations filtered', () => recommendationsExport(db, { status: ['ACCEPTED' as never] }, ctx).query, 3],
    ['status history', () => statusHistoryExport(ctx).query, 11],
    ['indicator values', () => indicatorValuesExport({ actionPlanId: null, from: null, to: null }, ctx).query, 16],
  ])('%s: the same rows in the same order', async (_, query, expected) => {
    const whole = await read(new PgServerRowSource(db), query());
    const small = await read(new PgServerRowSource(db, 2), query());
    expect(whole.rows).toHaveLength(expected);
    expect(small.fields).toEqual(whole.fields);
    expect(small.rows).toEqual(whole.rows);
    expect(small.batches).toBe(Math.ceil(expected / 2));
  });

  it.each([
    ['recommendations', () => recommendationsExport(db, null, ctx)],
    ['status history', () => statusHistoryExport(ctx)],
    ['indicator values', () => indicatorValuesExport({ actionPlanId: null, from: null, to: null }, ctx)],
  ])('%s: the CSV from COPY is byte for byte the CSV written from rows', async (_, table) => {
    const server = countingCopies(db);
    expect(csvRecordsPath(server.source, table())).toBe('copy');
    const copied = await csvOf(server.source, table());
    // The records really came from COPY (one statement), not from the cursor.
    expect(server.copies()).toBe(1);
    const cursor = new PgServerRowSource(db, 2);
    const rowsOnly: RowSource = { batches: (q) => cursor.batches(q) };
    expect(csvRecordsPath(rowsOnly, table())).toBe('rows');
    const written = await csvOf(rowsOnly, table());
    expect(copied).toBe(written);
    expect(copied.split('\r\n').length).toBeGreaterThan(3);
    const neutralised = _ === 'indicator values' ? Object.values(SOURCES).filter(Boolean) : _ === 'recommendations' ? [`${HIDDEN_BEHIND_BLANKS}Кыргызча: аялдар`] : [];
    for (const text of neutralised) expect(copied).toContain(`'${text}`);
  });

  it('an export that derives its rows in JavaScript (mapRow) is written from rows, never by COPY, on a server source', async () => {
    const plain = recommendationsExport(db, null, ctx);
    const derived: TabularExport = { ...plain, mapRow: (row) => ({ ...row, title: `* ${cellText(row.title)}` }) };
    const server = countingCopies(db);
    expect(csvRecordsPath(server.source, derived)).toBe('rows');
    const csv = await csvOf(server.source, derived);
    expect(server.copies()).toBe(0);
    expect(csv).toContain('* Recommendation, ""quoted""');
    expect(csv.split('\r\n').length).toBe((await csvOf(server.source, plain)).split('\r\n').length);
    expect(server.copies()).toBe(1);
  });

  it.each([
    ['delimiter ;', { delimiter: ';', decimal: '.', formulaEscape: true }],
    ['delimiter ; and decimal comma', { delimiter: ';', decimal: ',', formulaEscape: true }],
    ['without formula escaping', { delimiter: ',', decimal: '.', formulaEscape: false }],
  ] as [string, CsvOptions][])('indicator values with %s: COPY and the writer give the same bytes', async (_, options) => {
    const table = () => indicatorValuesExport({ actionPlanId: null, from: null, to: null }, ctx);
    const copied = await csvOf(new PgServerRowSource(db), table(), options);
    const cursor = new PgServerRowSource(db, 2);
    const rowsOnly: RowSource = { batches: (q) => cursor.batches(q) };
    const written = await csvOf(rowsOnly, table(), options);
    expect(copied).toBe(written);
    expect(copied.split('\r\n')[0]).toBe(`\uFEFF${table().columns.map((c) => c.header).join(options.delimiter)}`);
    expect(copied).not.toBe(await csvOf(new PgServerRowSource(db), table()));
  });
});
