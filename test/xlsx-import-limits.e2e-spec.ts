import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { todayIn } from '../src/common/scalars/calendar-date';
import { createActionPlan, createIndicator } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const year = Number(todayIn('Asia/Bishkek').slice(0, 4));
const HEADER = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'];
const MAX_UNPACKED = 2 * 1024 * 1024;

/** The entries of a ZIP, in its order. */
async function entriesOf(zip: Buffer): Promise<{ name: string; data: Buffer }[]> {
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

/** A ZIP of these entries, in this order, deflated. */
function zipOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, data } of entries) zip.addBuffer(data, name, { compress: true, compressionLevel: 9 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** As Excel writes them: the worksheets before the shared strings (exceljs then parks the sheet in a temp file). */
async function excelOrdered(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('values');
  for (const row of rows) sheet.addRow(row);
  const entries = await entriesOf(Buffer.from(await workbook.xlsx.writeBuffer()));
  const isSheet = (name: string) => name.startsWith('xl/worksheets/');
  expect(entries.some((e) => e.name === 'xl/sharedStrings.xml')).toBe(true);
  return zipOf([...entries.filter((e) => isSheet(e.name)), ...entries.filter((e) => !isSheet(e.name))]);
}

/** A workbook whose first sheet is replaced by `sheetXml`. */
async function withSheet(sheetXml: Buffer, extra: { name: string; data: Buffer }[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('values').addRow(HEADER);
  const entries = await entriesOf(Buffer.from(await workbook.xlsx.writeBuffer()));
  return zipOf([...entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: sheetXml } : e)), ...extra]);
}

describe('XLSX imports: bounded unpacking, no temp files', () => {
  let t: TestApp;
  let plan: { id: string; code: string };
  let indicator: { id: string; code: string };
  /** exceljs's temp files (the tmp package's names: tmp-<pid>-<random>) made by this process. */
  const ownTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
  let before: string[];

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_UNPACKED_BYTES: String(MAX_UNPACKED) });
    plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
    indicator = await createIndicator(t, { actionPlanId: plan.id });
  });
  beforeEach(() => {
    before = ownTempFiles();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function upload(file: Buffer, dryRun = true) {
    const res = await request(t.app.getHttpServer())
      .post(`/imports/indicator-values${dryRun ? '?dryRun=true' : ''}`)
      .set('authorization', bearer(t.adminToken))
      .attach('file', file, 'values.xlsx');
    return { status: res.status, body: res.body as Record<string, any> };
  }

  it('reads a workbook saved as Excel orders it, and leaves no temp file', async () => {
    const file = await excelOrdered([HEADER, [plan.code, indicator.code, String(year - 1), 7.5, 'survey', 'Примечание']]);
    const res = await upload(file, false);
    expect(res.body).toMatchObject({ imported: 1, rejected: 0 });
    expect(await t.sql("SELECT w.value, w.note->>'en' AS note FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id WHERE v.indicator_id = $1", [indicator.id])).toEqual([{ value: 7.5, note: 'Примечание' }]);
    expect(ownTempFiles()).toEqual(before);
  });

  it('leaves no temp file when the file is refused half way (bad header, too many rows)', async () => {
    const badHeader = await excelOrdered([['wrong', 'header'], ['x', 'y']]);
    expect((await upload(badHeader)).status).toBe(400);
    expect(ownTempFiles()).toEqual(before);
  });

  it('refuses a sheet that unpacks beyond IMPORT_MAX_UNPACKED_BYTES before parsing it', async () => {
    // Random text barely compresses: the declared size alone is over the limit.
    const filler = randomBytes(MAX_UNPACKED).toString('base64');
    const sheet = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><!-- ${filler} --></worksheet>`);
    const res = await upload(await withSheet(sheet));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.body.error.message).toMatch(/IMPORT_MAX_UNPACKED_BYTES/);
  });

  it('refuses an entry compressed like a bomb', async () => {
    const sheet = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>${' '.repeat(1_900_000)}</worksheet>`);
    const file = await withSheet(sheet);
    expect(file.length).toBeLessThan(20_000);
    const res = await upload(file);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/compressed more than \d+ times/);
  });

  it('refuses a shared-strings bomb', async () => {
    const strings = Buffer.from(
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(200_000)}</sst>`,
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('values').addRow(HEADER);
    const entries = (await entriesOf(Buffer.from(await workbook.xlsx.writeBuffer()))).map((e) => (e.name === 'xl/sharedStrings.xml' ? { ...e, data: strings } : e));
    const res = await upload(await zipOf(entries));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/IMPORT_MAX_UNPACKED_BYTES|compressed more than/);
  });

  it('refuses an archive of thousands of entries', async () => {
    const extra = Array.from({ length: 1_200 }, (_, i) => ({ name: `xl/media/image${i}.bin`, data: Buffer.from('x') }));
    const res = await upload(await withSheet(Buffer.from('<worksheet/>'), extra));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/archive entries/);
  });
});
