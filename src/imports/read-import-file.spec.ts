import ExcelJS from 'exceljs';
import { DomainError } from '../common/errors/domain-error';
import { readImportFile } from './read-import-file';

const HEADER = ['action_plan', 'indicator_code', 'period', 'value', 'source', 'note'];
const LIMITS = { maxRows: 1_000, maxUnpackedBytes: 10 * 1024 * 1024 };

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('values');
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(['PLAN', `IND-${i}`, '2025', i, 'source', 'note']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The archive with the central directory's uncompressed size of `name` multiplied by `factor` (as the probe's file). */
function withDeclaredSize(zip: Buffer, name: string, factor: number): Buffer {
  const out = Buffer.from(zip);
  let patched = 0;
  for (let at = 0; at + 46 <= out.length; at++) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).toString('utf8') !== name) continue;
    out.writeUInt32LE(Math.max(1, Math.round(out.readUInt32LE(at + 24) * factor)), at + 24);
    patched++;
  }
  expect(patched).toBe(1);
  return out;
}

describe('readImportFile: an XLSX whose directory lies about a size', () => {
  /** Any stream error nobody handled reaches the process: fail the test instead of letting node exit. */
  const uncaught: Error[] = [];
  const record = (error: Error) => uncaught.push(error);
  beforeAll(() => process.on('uncaughtException', record));
  afterAll(() => process.off('uncaughtException', record));

  it.each([0.5, 2, 0.01, 100])('refuses the sheet declared at %p times its size with BAD_USER_INPUT, and nothing escapes', async (factor) => {
    const file = withDeclaredSize(await workbook(300), 'xl/worksheets/sheet1.xml', factor);
    const refusal = await readImportFile(file, LIMITS).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    expect((refusal as DomainError).message).toMatch(/^file: /);
    // Let late stream events (close, error) fire before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
  }, 15_000);

  it.each(['xl/sharedStrings.xml', 'xl/workbook.xml'])('refuses %s declared at half its size', async (name) => {
    const file = withDeclaredSize(await workbook(300), name, 0.5);
    await expect(readImportFile(file, LIMITS)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
  }, 15_000);

  it('still reads the same workbook unaltered', async () => {
    const file = await readImportFile(await workbook(300), LIMITS);
    expect(file.rows).toHaveLength(300);
    expect(file.rows[299].cells.indicator_code).toBe('IND-299');
  });
});
