import ExcelJS from 'exceljs';
import request from 'supertest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { Actor } from '../src/auth/actor';
import { Role } from '../src/auth/role.enum';
import { DomainError } from '../src/common/errors/domain-error';
import { ErrorCode } from '../src/common/errors/error-codes';
import { todayIn } from '../src/common/scalars/calendar-date';
import { AppConfig } from '../src/config/app-config.service';
import { IndicatorValuesImportService } from '../src/imports/indicator-values-import.service';
import { readImportFile } from '../src/imports/read-import-file';
import { createActionPlan, createIndicator } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * Thousands of mutated CSV and XLSX files through the real import path (readImportFile,
 * then the import service's dry run on the test database; every tenth over HTTP too):
 * each is either read or refused with a coded BAD_USER_INPUT (a 400 over HTTP), never
 * a crash, an uncaught stream error or a 500, and the heap stays bounded. The mutations
 * come from a seeded generator, so a failure names a case that can be replayed.
 */
const SEED = 0x21a;
const CSV_CASES = Number(process.env.FUZZ_CSV_CASES ?? 1_500);
const XLSX_CASES = Number(process.env.FUZZ_XLSX_CASES ?? 500);
const MAX_HEAP_GROWTH_BYTES = 300 * 1024 * 1024;
/** A file the reader neither reads nor refuses in this time hangs the request that sent it. */
const CASE_TIMEOUT_MS = 5_000;

function within<T>(ms: number, work: Promise<T>, label: string, file: Buffer): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: neither read nor refused after ${ms} ms\nfile (base64): ${file.toString('base64').slice(0, 4000)}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const year = Number(todayIn('Asia/Bishkek').slice(0, 4));
const HEADER = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'];

/** mulberry32: small, seeded, the same sequence on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}
type Random = ReturnType<typeof generator>;

const NASTY = ['', '=SUM(1,2)', "'=x", '"', '""', '\u0000', '\ud800', '\uFEFF', '12,5', '1e309', '-0', 'NaN', '€', 'Ѳ'.repeat(300), '\r', '\n', ';', ',', '<', '&amp;', ']]>', 'x'.repeat(5000)];

function mutateBytes(random: Random, input: Buffer, count: number): Buffer {
  const out = Buffer.from(input);
  for (let i = 0; i < count && out.length > 0; i++) out[random.int(out.length)] = random.int(256);
  return out;
}

function csvCase(random: Random, plan: string, indicator: string): Buffer {
  const delimiter = random.pick([',', ';', '\t', '|']);
  const rows = [HEADER.join(delimiter)];
  for (let i = 0, n = 1 + random.int(6); i < n; i++) {
    const cells = [plan, indicator, random.pick([String(year - 1), `${year - 1}-Q${1 + random.int(4)}`, '2025-Q9', 'x']), random.pick(['1', '12,5', '-3.25', '', 'abc']), random.pick(NASTY), random.pick(NASTY)];
    if (random.next() < 0.3) cells.splice(random.int(cells.length), random.int(3));
    if (random.next() < 0.2) cells.push(random.pick(NASTY));
    rows.push(cells.map((c) => (random.next() < 0.5 ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter));
  }
  let text = rows.join(random.pick(['\r\n', '\n', '\r']));
  if (random.next() < 0.2) text = '\uFEFF' + text;
  if (random.next() < 0.1) text = text.slice(0, random.int(text.length));
  let bytes: Buffer = Buffer.from(text, random.pick(['utf8', 'utf8', 'utf8', 'latin1', 'utf16le'] as const));
  if (random.next() < 0.3) bytes = mutateBytes(random, bytes, 1 + random.int(8));
  return bytes;
}

async function zipEntries(zip: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: { name: string; data: Buffer }[] = [];
  for await (const entry of file.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue; // directories
    const chunks: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

function zipOf(entries: { name: string; data: Buffer }[], compress: boolean): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, data } of entries) zip.addBuffer(data, name, { compress });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Offsets of the ZIP's central directory headers and local file headers. */
function headers(zip: Buffer): { central: number[]; local: number[] } {
  const central: number[] = [];
  const local: number[] = [];
  for (let at = 0; at + 4 <= zip.length; at++) {
    const signature = zip.readUInt32LE(at);
    if (signature === 0x02014b50 && at + 46 <= zip.length) central.push(at);
    else if (signature === 0x04034b50 && at + 30 <= zip.length) local.push(at);
  }
  return { central, local };
}

const XML_MUTATIONS: ((random: Random, xml: string) => string)[] = [
  (random, xml) => xml.slice(0, random.int(xml.length)),
  (random, xml) => xml.replace(/<v>(\d+)<\/v>/, `<v>${random.pick(['99999', '-1', 'x', '1e9', ''])}</v>`),
  (_random, xml) => xml.replace('<?xml', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><?xml'),
  (random, xml) => xml.replace(/t="s"/g, () => random.pick(['t="s"', 't="str"', 't="b"', 't="e"', 't="n"', 't="inlineStr"', 't="zz"'])),
  (random, xml) => xml.replace(/r="([A-Z]+)(\d+)"/, `r="${random.pick(['XFD1048576', 'A0', 'ZZZZ1', '1A', ''])}"`),
  (_random, xml) => xml.replace(/<row /, `${'<x>'.repeat(2000)}<row `),
  (random, xml) => xml.replace(/s="\d+"/g, () => `s="${random.pick(['0', '1', '999', '-1'])}"`),
  (random, xml) => xml.replace(/<t[^>]*>[^<]*<\/t>/, `<t>${random.pick(NASTY).replace(/[<&]/g, '')}</t>`),
  (random, xml) => Buffer.from(mutateBytes(random, Buffer.from(xml, 'utf8'), 1 + random.int(5))).toString('latin1'),
];

async function xlsxCase(random: Random, base: { entries: { name: string; data: Buffer }[]; zip: Buffer }): Promise<Buffer> {
  switch (random.int(4)) {
    case 0: {
      // A size, CRC or offset in the central directory or a local header that lies.
      const zip = Buffer.from(base.zip);
      const { central, local } = headers(zip);
      const useCentral = random.next() < 0.7;
      const at = useCentral ? random.pick(central) : random.pick(local);
      const field = useCentral ? random.pick([16, 20, 24, 42, 28]) : random.pick([14, 18, 22, 26]);
      const width = field === 28 || field === 26 ? 2 : 4;
      const old = width === 4 ? zip.readUInt32LE(at + field) : zip.readUInt16LE(at + field);
      const next = random.pick([0, 1, Math.floor(old / 2), old * 2, old + 1, old - 1, 0xffffffff, random.int(0x7fffffff)]);
      if (width === 4) zip.writeUInt32LE(Math.max(0, Math.min(next, 0xffffffff)) >>> 0, at + field);
      else zip.writeUInt16LE(Math.max(0, Math.min(next, 0xffff)), at + field);
      return zip;
    }
    case 1:
      // Bytes changed anywhere, or the file cut short.
      return random.next() < 0.5 ? mutateBytes(random, base.zip, 1 + random.int(16)) : base.zip.subarray(0, random.int(base.zip.length));
    default: {
      // One entry's XML changed (the sheet, shared strings, styles, workbook), repacked.
      const entries = base.entries.map((e) => ({ ...e }));
      const target = random.pick(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
      const entry = entries.find((e) => e.name === target);
      if (entry) entry.data = Buffer.from(random.pick(XML_MUTATIONS)(random, entry.data.toString('utf8')), 'utf8');
      if (random.next() < 0.2) entries.reverse();
      if (random.next() < 0.1) entries.splice(random.int(entries.length), 1);
      return zipOf(entries, random.next() < 0.8);
    }
  }
}

describe('import fuzz: mutated CSV and XLSX files through the import path', () => {
  let t: TestApp;
  let plan: { id: string; code: string };
  let indicator: { id: string; code: string };
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
    indicator = await createIndicator(t, { actionPlanId: plan.id });
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await t?.close();
  });

  it(`reads or refuses with BAD_USER_INPUT each of ${CSV_CASES + XLSX_CASES} files, never crashing, the heap bounded`, async () => {
    const random = generator(SEED);
    const config = t.app.get(AppConfig);
    const limits = { maxRows: config.get('IMPORT_MAX_ROWS'), maxUnpackedBytes: config.get('IMPORT_MAX_UNPACKED_BYTES') };
    const service = t.app.get(IndicatorValuesImportService);
    const actor: Actor = { tokenId: null, name: 'fuzz', role: Role.ADMIN, organizationId: null, requestId: null };

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('values');
    sheet.addRow(HEADER);
    sheet.addRow([plan.code, indicator.code, year - 1, 12.5, 'source', 'note']);
    sheet.addRow([plan.code, indicator.code, `${year - 1}-Q2`, -3, '=SUM(1,2)', 'Нацстатком']);
    sheet.getCell('E2').numFmt = '#,##0.00';
    const zip = Buffer.from(await book.xlsx.writeBuffer());
    const base = { zip, entries: await zipEntries(zip) };

    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const outcomes = { read: 0, refused: 0, http: 0 };
    const started = Date.now();
    for (let i = 0; i < CSV_CASES + XLSX_CASES; i++) {
      const isCsv = i < CSV_CASES;
      const file = isCsv ? csvCase(random, plan.code, indicator.code) : await xlsxCase(random, base);
      const label = `case ${i} (${isCsv ? 'CSV' : 'XLSX'}, seed ${SEED})`;
      try {
        const read = await within(CASE_TIMEOUT_MS, readImportFile(file, limits), label, file);
        await service.importFile(read, { dryRun: true, actor });
        outcomes.read++;
      } catch (error) {
        if (error instanceof Error && error.message.includes('neither read nor refused')) throw error;
        if (!(error instanceof DomainError) || error.code !== ErrorCode.BAD_USER_INPUT) {
          throw new Error(`${label}: not a coded refusal: ${error instanceof Error ? error.stack : String(error)}\nfile (base64): ${file.toString('base64').slice(0, 4000)}`);
        }
        outcomes.refused++;
      }
      if (i % 10 === 0) {
        const res = await request(t.app.getHttpServer())
          .post('/imports/indicator-values?dryRun=true')
          .set('authorization', bearer(t.adminToken))
          .attach('file', file, isCsv ? 'values.csv' : 'values.xlsx');
        if (res.status !== 200 && !(res.status === 400 && res.body?.error?.code === 'BAD_USER_INPUT')) {
          throw new Error(`${label} over HTTP: ${res.status} ${res.text.slice(0, 500)}`);
        }
        outcomes.http++;
      }
      if (i % 25 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      expect(uncaught).toEqual([]);
    }
    // Late stream events (close, error) of the last files.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
    console.log(`[import-fuzz] ${JSON.stringify(outcomes)} in ${Date.now() - started} ms, heap peak +${Math.round((peak - heapBefore) / 1024 / 1024)} MB`);
    expect(outcomes.read).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(peak - heapBefore).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    // About 40 s on an idle 2-core machine; the margin is for a loaded one.
  }, 240_000);
});
