import { rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readPdf } from './progress-report-pdf-text';
import { startService, stopAllServices, tempDataDir } from './support/service-process';

const TOKEN = 'exports-embedded-admin-token-0123456789abcdef';

/**
 * The downloads and the import on the embedded database: the real service in
 * a child process, with the Sokuluk sample loaded on first start.
 */
describe('exports and import on the embedded database', () => {
  const dataDir = tempDataDir('tracker-exports-');
  afterAll(async () => {
    await stopAllServices();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('streams CSV, XLSX and the PDF, and imports a file', async () => {
    const service = await startService({ DATA_DIR: dataDir, SEED_DEMO: 'true', ADMIN_TOKEN: TOKEN });
    const get = (path: string) => fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

    const recommendations = await get('/exports/recommendations.csv');
    expect(recommendations.status).toBe(200);
    const rows = parse<Record<string, string>>(await recommendations.text(), { bom: true, columns: true });
    expect(rows.map((r) => r.code)).toEqual(['SOK-2024-01', 'SOK-2024-02', 'SOK-2024-03']);
    expect(rows[0]).toMatchObject({ settlement: 'Sokuluk', last_status_change_at: '2024-08-13T12:00:00+06:00', overdue: 'false' });

    const values = parse<Record<string, string>>(await (await get('/exports/indicator-values.csv')).text(), { bom: true, columns: true });
    expect(values.length).toBeGreaterThan(0);
    expect(Number.isFinite(Number(values[0].value))).toBe(true);

    const indicators = parse<Record<string, string>>(await (await get('/exports/indicators.csv?year=2025')).text(), { bom: true, columns: true });
    expect(indicators.map((r) => r.code)).toEqual(['WL-1', 'WL-2', 'WL-3', 'WL-4']);
    expect(indicators.every((r) => r.progress_status !== '')).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await get('/exports/workbook.xlsx')).arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].name).toBe('README');
    expect(workbook.worksheets.slice(1, 5).map((s) => s.rowCount - 1)).toEqual([3, expect.any(Number), 4, values.length]);

    const pdf = await get('/reports/progress.pdf?year=2025');
    expect(pdf.status).toBe(200);
    const report = Buffer.from(await pdf.arrayBuffer());
    expect(report.subarray(0, 5).toString()).toBe('%PDF-');
    expect(readPdf(report).pageTexts.join('\n')).toContain('Implementation progress report 2025');

    // WL-1's 2024 value exists in the sample: the row corrects it, so it says why.
    const form = new FormData();
    const csv = `action_plan,indicator_code,period,value,source,note\r\n${values[0].action_plan},WL-1,2024,1,,\r\n`;
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'values.csv');
    const imported = await fetch(`${service.url}/imports/indicator-values?dryRun=true&correctionReason=${encodeURIComponent('checked against the source')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: form,
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ dryRun: true, rejected: 0 });
  });
});
