import ExcelJS from 'exceljs';
import request from 'supertest';
import { todayIn } from '../src/common/scalars/calendar-date';
import { createToken, download } from './exports-support';
import { createActionPlan, createIndicator, createOrganization, recordValue } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const HEADER = 'action_plan,indicator_code,period,value,source,note';
const year = Number(todayIn('Asia/Bishkek').slice(0, 4));

/** Each value's slot with its latest version's value, source and note (what an import compares and writes). */
const LATEST_VERSIONS = `(SELECT DISTINCT ON (w.indicator_value_id) v.*, w.value AS latest_value, w.source AS latest_source, w.note AS latest_note FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id ORDER BY w.indicator_value_id, w.number DESC)`;

/** Uploads with a correction reason unless told `correctionReason: null` (rows for recorded periods are corrections). */
async function upload(
  t: TestApp,
  content: Buffer | string,
  options: { dryRun?: boolean; token?: string; name?: string; correctionReason?: string | null } = {},
) {
  const query = new URLSearchParams();
  if (options.dryRun) query.set('dryRun', 'true');
  const reason = options.correctionReason === undefined ? 'revised figures' : options.correctionReason;
  if (reason !== null) query.set('correctionReason', reason);
  const res = await request(t.app.getHttpServer())
    .post(`/imports/indicator-values?${query}`)
    .set('authorization', bearer(options.token ?? t.adminToken))
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), options.name ?? 'values.csv');
  return { status: res.status, body: res.body };
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('POST /imports/indicator-values', () => {
  let t: TestApp;
  let ministryA: string;
  let indicatorA: string;

  const values = () =>
    t.sql<{ code: string; period: string; value: number; source: string | null; note: string | null; recorded_by: string }>(
      `SELECT i.code, v.period, v.latest_value AS value, v.latest_source->>'en' AS source, v.latest_note->>'en' AS note, v.recorded_by
         FROM ${LATEST_VERSIONS} v JOIN indicator i ON i.id = v.indicator_id ORDER BY i.code, v.period`,
    );
  const auditCount = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_type = 'IndicatorValue'`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    ministryA = (await createOrganization(t, { name: 'Ministry A' })).id;
    const ministryB = (await createOrganization(t, { name: 'Ministry B' })).id;
    const plan = await createActionPlan(t, { code: 'IMP', startYear: year - 2, endYear: year + 1 });
    indicatorA = (await createIndicator(t, { actionPlanId: plan.id, code: 'IND-A', baselineYear: year - 3, responsibleOrganizationId: ministryA })).id;
    await createIndicator(t, { actionPlanId: plan.id, code: 'IND-B', responsibleOrganizationId: ministryB });
  });
  afterAll(async () => {
    await t?.close();
  });

  const good = csv(
    `IMP,IND-A,${year - 1},12.5,Статкомитет,Годовое значение`,
    `imp,ind-a,${year}-Q1,13,,`,
    `IMP,IND-B,${year - 2},-4,,"note, with comma"`,
  );

  it('with dryRun=true checks every row and reports what would be recorded, writing nothing', async () => {
    const res = await upload(t, good, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dryRun: true, imported: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await values()).toEqual([]);
    expect(await auditCount()).toBe(0);
  });

  it('records every row, audited, with the token as recordedBy', async () => {
    const res = await upload(t, good);
    expect(res.body).toEqual({ dryRun: false, imported: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await values()).toEqual([
      { code: 'IND-A', period: `${year - 1}`, value: 12.5, source: 'Статкомитет', note: 'Годовое значение', recorded_by: 'bootstrap-admin' },
      { code: 'IND-A', period: `${year}-Q1`, value: 13, source: null, note: null, recorded_by: 'bootstrap-admin' },
      { code: 'IND-B', period: `${year - 2}`, value: -4, source: null, note: 'note, with comma', recorded_by: 'bootstrap-admin' },
    ]);
    expect(await auditCount()).toBe(3);
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const res = await upload(t, good);
    expect(res.body).toEqual({ dryRun: false, imported: 0, updated: 0, unchanged: 3, rejected: 0, errors: [] });
    expect(await auditCount()).toBe(3);
  });

  it('refuses corrections without a reason (CORRECTION_REASON_REQUIRED), and then records nothing', async () => {
    const before = await values();
    const versions = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM indicator_value_version'))[0].n;
    const count = await versions();
    const res = await upload(t, csv(`IMP,IND-A,${year}-Q1,15,,`), { correctionReason: null });
    expect(res.body).toMatchObject({ imported: 0, updated: 0, rejected: 1, errors: [{ row: 2, column: null, code: 'CORRECTION_REASON_REQUIRED' }] });
    expect(await values()).toEqual(before);
    expect(await versions()).toBe(count);
  });

  it('replaces a changed value like recordIndicatorValue, and the audit trail keeps the old one', async () => {
    const res = await upload(t, csv(`IMP,IND-A,${year}-Q1,14,,`, `IMP,IND-A,${year - 1},12.5,Статкомитет,Годовое значение`));
    expect(res.body).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: 0 });
    const [entry] = await t.sql(`SELECT action, before, after FROM audit_entry WHERE entity_type = 'IndicatorValue' ORDER BY at DESC LIMIT 1`);
    expect(entry).toMatchObject({ action: 'indicatorValue.replace', before: { value: 13 }, after: { value: 14 } });
  });

  it('rejects the whole file when any row is wrong, and reports every problem by row and column', async () => {
    const before = await values();
    const res = await upload(
      t,
      csv(
        `IMP,IND-A,${year - 2},1,,`,
        `NOPE,IND-A,${year},1,,`,
        `IMP,IND-Z,${year},1,,`,
        `IMP,IND-A,${year}-q1,1,,`,
        `IMP,IND-A,${year + 1},1,,`,
        `IMP,IND-A,${year - 6},1,,`,
        `IMP,IND-A,${year - 2}-Q1,"1,5",,`,
        `IMP,IND-A,${year - 2},2,,`,
        `IMP,IND-A`,
        `,,,,,`,
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, imported: 0, updated: 0, unchanged: 0, rejected: 9 });
    expect(res.body.errors).toEqual([
      { row: 3, column: 'action_plan', reason: 'no action plan has the code NOPE' },
      { row: 4, column: 'indicator_code', reason: 'action plan IMP has no indicator IND-Z' },
      { row: 5, column: 'period', reason: 'period must be a year (2025) or a quarter (2025-Q3)' },
      { row: 6, column: 'period', reason: `${year + 1} has not started yet` },
      { row: 7, column: 'period', reason: `must fall within ${year - 3}-${year + 1} (baseline and plan years)` },
      { row: 8, column: 'value', reason: '"1,5" is not a number (write 12.5, without thousands separators)' },
      { row: 9, column: 'period', reason: 'repeats row 2 (the same indicator and period)' },
      { row: 10, column: null, reason: 'has 2 fields where the header has 6' },
      { row: 10, column: 'value', reason: 'is required' },
      { row: 10, column: 'period', reason: 'period must be a year (2025) or a quarter (2025-Q3)' },
      { row: 11, column: 'action_plan', reason: 'is required (the action plan code)' },
      { row: 11, column: 'indicator_code', reason: 'is required' },
      { row: 11, column: 'value', reason: 'is required' },
      { row: 11, column: 'period', reason: 'period must be a year (2025) or a quarter (2025-Q3)' },
    ]);
    expect(await values()).toEqual(before);
  });

  it('reads XLSX (numbers as numbers) and semicolon CSV with a BOM, as Excel writes them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('values');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['IMP', 'IND-A', year - 2, 7.25, 'xlsx', null]);
    sheet.addRow(['IMP', 'IND-A', `${year - 2}-Q2`, -1, null, 'квартал']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(t, xlsx, { name: 'values.xlsx' });
    expect(res.body).toEqual({ dryRun: false, imported: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });

    const semicolons = '\uFEFF' + [HEADER.replaceAll(',', ';'), `IMP;IND-A;${year - 2};7.25;xlsx;`].join('\r\n');
    expect((await upload(t, semicolons)).body).toMatchObject({ unchanged: 1, rejected: 0 });
  });

  describe('in Kyrgyz, Russian or English', () => {
    const RUSSIAN_HEADER = 'План действий;Код индикатора;Период;Значение;Источник;Примечание';
    const KYRGYZ_HEADER = 'Иш-аракеттер планы,Индикатордун коду,Мезгил,Маани,Булак,Эскертүү,Тил';

    it('reads a Russian header (as the Russian indicator-values export writes it), with decimal commas', async () => {
      const file = '\uFEFF' + [RUSSIAN_HEADER, `IMP;IND-B;${year - 2}-Q3;2,5;Нацстатком;Первое значение`].join('\r\n');
      const res = await upload(t, file, { dryRun: true });
      expect(res.body).toEqual({ dryRun: true, imported: 1, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    });

    it('reads a Kyrgyz header with a locale column in XLSX; an empty locale cell is the request’s language', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Маанилер');
      sheet.addRow(KYRGYZ_HEADER.split(','));
      sheet.addRow(['IMP', 'IND-B', `${year - 1}-Q1`, 3, 'Улуттук статистика комитети', 'Биринчи чейрек', 'ky']);
      sheet.addRow(['IMP', 'IND-B', `${year - 1}-Q2`, 4, 'Нацстатком', 'Второй квартал', 'RU']);
      sheet.addRow(['IMP', 'IND-B', `${year - 1}-Q3`, 5, 'National Statistical Committee', null, null]);
      const res = await request(t.app.getHttpServer())
        .post('/imports/indicator-values?dryRun=true')
        .set('authorization', bearer(t.adminToken))
        .set('accept-language', 'en-GB')
        .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'маанилер.xlsx');
      expect(res.body).toEqual({ dryRun: true, imported: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    });

    it('writes each row’s source and note in its locale (the locale cell, else Accept-Language), leaving the other locales as they are', async () => {
      const period = `${year - 1}-Q4`;
      const withLocale = ['action_plan,indicator_code,period,value,source,note,locale', `IMP,IND-B,${period},9,Нацстатком,Оценка,ru`].join('\r\n');
      expect((await upload(t, withLocale)).body).toMatchObject({ imported: 1, rejected: 0 });
      const kyrgyz = await request(t.app.getHttpServer())
        .post('/imports/indicator-values?correctionReason=Kyrgyz%20source')
        .set('authorization', bearer(t.adminToken))
        .set('accept-language', 'ky-KG, ru;q=0.5')
        .attach('file', Buffer.from(csv(`IMP,IND-B,${period},9,Улуттук статистика комитети,`)), 'values.csv');
      expect(kyrgyz.body).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
      const [row] = await t.sql<{ source: unknown; note: unknown }>(
        `SELECT v.latest_source AS source, v.latest_note AS note FROM ${LATEST_VERSIONS} v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'IND-B' AND v.period = $1`,
        [period],
      );
      // The Kyrgyz row's empty note removes no Russian note: it has no Kyrgyz one to remove.
      expect(row).toEqual({ source: { ky: 'Улуттук статистика комитети', ru: 'Нацстатком' }, note: { ru: 'Оценка' } });
      // The same file again changes nothing.
      expect((await upload(t, withLocale)).body).toMatchObject({ unchanged: 1 });
    });

    it('refuses a row whose locale is not ky, ru or en with the code UNKNOWN_LOCALE, and then records nothing', async () => {
      const before = await values();
      const file = [
        'action_plan,indicator_code,period,value,source,note,locale',
        `IMP,IND-B,${year - 1},7,Source,Note,en`,
        `IMP,IND-B,${year - 1}-Q4,8,Булак,Эскертүү,kg`,
      ].join('\r\n');
      const res = await upload(t, file);
      expect(res.body).toMatchObject({ imported: 0, rejected: 1 });
      expect(res.body.errors).toEqual([
        { row: 3, column: 'locale', code: 'UNKNOWN_LOCALE', reason: '"kg" is not a language: write ky, ru, en, or leave the cell empty for the request’s language' },
      ]);
      expect(await values()).toEqual(before);
    });

    it('refuses a header in no language, or with its columns out of order', async () => {
      for (const header of ['Код индикатора,План действий,Период,Значение,Источник,Примечание', 'action_plan,indicator_code,period,value,source,note,язык_неизвестен']) {
        const res = await upload(t, `${header}\r\nIMP,IND-A,${year - 2},1,,\r\n`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('each column may be named in Kyrgyz, Russian or English');
      }
    });
  });

  it.each([
    ['a wrong header', 'plan,indicator,period,value\r\nIMP,IND-A,2025,1\r\n', 'the header row must be exactly action_plan,indicator_code,period,value,source,note'],
    ['no data rows', `${HEADER}\r\n`, 'no data rows'],
    ['an empty file', '', 'empty'],
    ['text that is not UTF-8', Buffer.from([0x61, 0x63, 0x74, 0xe8, 0xf0, 0x0a]), 'UTF-8'],
    ['an unclosed quote', `${HEADER}\r\nIMP,"IND-A,2025,1,,\r\n`, 'is not valid CSV'],
    ['a broken workbook', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]), 'is not a readable XLSX workbook'],
  ])('answers 400 naming the problem for %s', async (_, content, message) => {
    const res = await upload(t, content);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toContain('file: ');
    expect(res.body.error.message).toContain(message);
  });

  it('answers 400 without a file, or with a dryRun that is not true or false', async () => {
    const noFile = await request(t.app.getHttpServer()).post('/imports/indicator-values').set('authorization', bearer(t.adminToken)).field('x', '1');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toContain('file');
    const res = await request(t.app.getHttpServer())
      .post('/imports/indicator-values?dryRun=perhaps')
      .set('authorization', bearer(t.adminToken))
      .attach('file', Buffer.from(good), 'values.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('dryRun');
  });

  describe('who may import', () => {
    it('a MINISTRY token imports its own organisation’s indicators; other rows are rejected, and then nothing is written', async () => {
      const token = await createToken(t, 'MINISTRY', ministryA);
      const own = await upload(t, csv(`IMP,IND-A,${year - 2}-Q3,3,,`), { token });
      expect(own.body).toMatchObject({ imported: 1, rejected: 0 });
      const [recorded] = await t.sql(`SELECT recorded_by FROM indicator_value WHERE indicator_id = $1 AND period = $2`, [indicatorA, `${year - 2}-Q3`]);
      expect(recorded.recorded_by).toMatch(/^ministry-/);

      const before = await values();
      const mixed = await upload(t, csv(`IMP,IND-A,${year - 2}-Q4,3,,`, `IMP,IND-B,${year - 2},3,,`), { token });
      expect(mixed.body).toMatchObject({ imported: 0, rejected: 1 });
      expect(mixed.body.errors).toEqual([{ row: 3, column: 'indicator_code', reason: expect.stringContaining('another organisation') }]);
      expect(await values()).toEqual(before);
    });

    it('readers may not import; a token is needed', async () => {
      for (const role of ['VIEWER', 'ANALYST']) {
        const res = await upload(t, good, { token: await createToken(t, role) });
        expect(res.status).toBe(403);
      }
      const anonymous = await request(t.app.getHttpServer()).post('/imports/indicator-values').attach('file', Buffer.from(good), 'v.csv');
      expect(anonymous.status).toBe(401);
    });
  });
});

describe('POST /imports/indicator-values limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_BYTES: '2048', IMPORT_MAX_ROWS: '3' });
    await createActionPlan(t, { code: 'LIM' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses more rows than IMPORT_MAX_ROWS and files larger than IMPORT_MAX_BYTES', async () => {
    const rows = (n: number) => csv(...Array.from({ length: n }, (_, i) => `LIM,X,${2024 + i},1,,`));
    expect((await upload(t, rows(3))).body).toMatchObject({ rejected: 3 });
    const tooMany = await upload(t, rows(4));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('more than 3 data rows (IMPORT_MAX_ROWS)');
    const tooLarge = await upload(t, csv(`LIM,X,2024,1,,${'x'.repeat(3000)}`));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('BAD_USER_INPUT');
  });
});

describe('export → import: the indicator-values export imports back as it is, in every dialect', () => {
  let t: TestApp;
  let planId: string;
  /** Texts a spreadsheet would take for formulas (the CSV export neutralises them), and some it would not. */
  const TEXTS = ['=SUM(1,2)', "'=already quoted", '+996 312 62-00-00', '@team', '-', "'apostrophe", 'plain, with comma', 'Нацстатком; «кавычки»'];
  const stored = () =>
    t.sql<{ period: string; value: number; source: unknown; note: unknown }>(
      // What was submitted last for each period (an imported value waits for review as a new version).
      `SELECT v.period, w.value, w.source, w.note FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
         JOIN LATERAL (SELECT value, source, note FROM indicator_value_version w WHERE w.indicator_value_id = v.id ORDER BY w.number DESC LIMIT 1) w ON true
        WHERE i.action_plan_id = $1 ORDER BY v.period`,
      [planId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    planId = (await createActionPlan(t, { code: 'RT', startYear: year - 2, endYear: year + 1 })).id;
    const indicatorId = (await createIndicator(t, { actionPlanId: planId, code: 'RT-1' })).id;
    const periods = [`${year - 2}-Q1`, `${year - 2}-Q2`, `${year - 2}-Q3`, `${year - 2}-Q4`, `${year - 2}`, `${year - 1}-Q1`, `${year - 1}-Q2`, `${year - 1}`];
    const numbers = [12.5, -4, 1234.75, 0.001, 7, -0.25, 100000, 3];
    for (const [i, period] of periods.entries()) {
      await recordValue(t, { indicatorId, period, value: numbers[i], source: TEXTS[i], note: TEXTS[(i + 3) % TEXTS.length] });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['CSV', 'csv', ''],
    ['CSV with semicolons and decimal commas', 'csv', '&delimiter=%3B&decimal=%2C'],
    ['CSV in Russian', 'csv', '&lang=ru'],
    ['CSV in Kyrgyz, with semicolons and decimal commas', 'csv', '&lang=ky&delimiter=%3B&decimal=%2C'],
    ['XLSX in Russian', 'xlsx', '&lang=ru'],
  ])('%s: every row reads back unchanged, extra export columns ignored', async (_name, format, parameters) => {
    const before = await stored();
    const file = await download(t, `/exports/indicator-values.${format}?actionPlanId=${planId}${parameters}`);
    expect(file.status).toBe(200);
    const res = await upload(t, file.body, { name: `values.${format}` });
    expect(res.body).toEqual({ dryRun: false, imported: 0, updated: 0, unchanged: before.length, rejected: 0, errors: [] });
    expect(await stored()).toEqual(before);
  });

  it('stores the texts and values exported, not the apostrophes the CSV export added', async () => {
    const before = await stored();
    for (const parameters of ['', '&lang=ru&delimiter=%3B&decimal=%2C']) {
      const file = await download(t, `/exports/indicator-values.csv?actionPlanId=${planId}${parameters}`);
      expect(file.text).toContain("'=SUM(1,2)");
      await t.sql('DELETE FROM indicator_value v USING indicator i WHERE i.id = v.indicator_id AND i.action_plan_id = $1', [planId]);
      const res = await upload(t, file.body);
      expect(res.body).toMatchObject({ imported: before.length, rejected: 0 });
      expect(await stored()).toEqual(before);
      // Imported values wait for review; approved, the next export has them again.
      const waiting = await t.sql<{ id: string }>(
        `SELECT w.id FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id JOIN indicator i ON i.id = v.indicator_id
          WHERE i.action_plan_id = $1 AND w.review_status = 'SUBMITTED'`,
        [planId],
      );
      for (const { id } of waiting) {
        await t.gqlOk('mutation ($input: ReviewValueInput!) { reviewValue(input: $input) { id } }', { input: { versionId: id, decision: 'APPROVE' } });
      }
    }
  });

  it('still refuses a column that is neither the import’s nor the export’s, and one given twice', async () => {
    for (const extra of ['comment', 'unit,unit', 'Единица,unit']) {
      const res = await upload(t, `${HEADER},${extra}\r\nRT,RT-1,${year - 1},1,,${',x'.repeat(extra.split(',').length)}\r\n`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_USER_INPUT');
      expect(res.body.error.message).toMatch(/unknown column|appears twice/);
    }
  });
});
