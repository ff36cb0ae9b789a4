import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { todayIn } from '../src/common/scalars/calendar-date';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { SAMPLE_TEXTS, type SampleText } from '../src/seed/sokuluk-roundtable.texts';
import { parseExportArguments } from '../src/exports/cli/export-arguments';
import { createRecommendation, download, transition } from './exports-support';
import { readPdf } from './progress-report-pdf-text';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** The CSV parsed back as rows of cells (header first). */
function rows(csv: string): string[][] {
  const records: string[][] = parse(csv, { bom: true });
  return records;
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

/** DD.MM.YYYY, as Kyrgyz and Russian write a day. */
const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe('exports and the PDF report in Kyrgyz, Russian and English', () => {
  let t: TestApp;
  const today = todayIn('Asia/Bishkek');
  const year = Number(today.slice(0, 4));
  let planId: string;
  let quotaCode: string;

  beforeAll(async () => {
    t = await createTestApp();
    const parliament = (await createOrganization(t, { name: 'Жогорку Кеңеш', kind: 'PARLIAMENT' })).id;
    const meetingId = (await createMeeting(t, { title: 'Сокулук району, Чүй облусу', heldOn: `${year - 1}-08-13` })).id;
    const barrier = (await createBarrier(t, { title: 'Гендердик стереотиптер', category: 'SOCIAL_SUPPORT', meetingIds: [meetingId] })).id;
    planId = (await createActionPlan(t, { code: 'LNG', startYear: year - 1, endYear: year })).id;
    const share = await createIndicator(t, {
      actionPlanId: planId,
      code: 'WL-1',
      name: 'Доля женщин в местных кенешах',
      unit: '%',
      baselineYear: year - 1,
      baselineValue: 10,
      targets: [{ year, value: 20 }],
    });
    await recordValue(t, { indicatorId: share.id, period: `${year}`, value: 16.5, source: 'Нацстатком' });
    const quota = await createRecommendation(t, {
      title: 'Аялдар үчүн 30% квота киргизүү',
      kind: 'QUOTA',
      meetingId,
      dueDate: `${year - 1}-12-31`,
      barrierIds: [barrier],
      responsibleOrganizationIds: [parliament],
      indicatorIds: [share.id],
    });
    quotaCode = quota.code;
    await transition(t, quota, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS']);
    for (const title of ['Менторлук программасы', 'Маалымат кампаниясы']) await createRecommendation(t, { title, meetingId, responsibleOrganizationIds: [parliament] });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('CSV', () => {
    it('lang=ru: Russian headers and enum labels; ISO dates and plain numbers stay machine-readable', async () => {
      const res = await download(t, '/exports/recommendations.csv?lang=ru');
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe('ru');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="recommendations-${today}.ru.csv"`);
      const [header, ...data] = rows(res.text);
      expect(header.slice(0, 7)).toEqual(['Код', 'Название', 'Вид меры', 'Приоритет', 'Статус', 'Срок', 'Просрочена']);
      const quota = data.find((r) => r[0] === quotaCode) as string[];
      expect(quota.slice(1, 7)).toEqual(['Аялдар үчүн 30% квота киргизүү', 'Квота', 'Средний', 'Выполняется', `${year - 1}-12-31`, 'true']);

      const indicators = rows((await download(t, `/exports/indicators.csv?lang=ru&actionPlanId=${planId}&year=${year}`)).text);
      const at = (name: string) => indicators[0].indexOf(name);
      expect(indicators[0]).toEqual(expect.arrayContaining([`Цель ${year}`, `Факт ${year}`, `Период факта ${year}`, '% цели', 'Оценка прогресса']));
      expect(indicators[1][at('Направление')]).toBe('Должен расти');
      expect(indicators[1][at('Факт')]).toBe('16.5');
      expect(indicators[1][at('% цели')]).toBe('65');
      expect(indicators[1][at('Оценка прогресса')]).toBe('Под угрозой');
    });

    it('lang=ky: Kyrgyz headers and labels, in the link tables too', async () => {
      const res = await download(t, '/exports/status-history.csv?lang=ky');
      expect(res.headers['content-language']).toBe('ky');
      const [header, ...data] = rows(res.text);
      expect(header).toEqual(['Сунуштун коду', 'Версиясы', 'Мурунку статусу', 'Жаңы статусу', 'Качан өзгөртүлгөн', 'Ким өзгөрткөн', 'Эскертүү', 'Далилдин шилтемеси']);
      expect(data.filter((r) => r[0] === quotaCode).map((r) => r[3])).toEqual(['Сунушталды', 'Каралууда', 'Кабыл алынды', 'Аткарылууда']);
      // Timestamps keep ISO 8601 with the offset.
      expect(data[0][4]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+06:00$/);

      const organizations = rows((await download(t, '/exports/recommendation-organizations.csv?lang=ky')).text);
      expect(organizations[0]).toEqual(['Сунуштун коду', 'Уюмдун ID', 'Уюм', 'Уюмдун түрү']);
      expect(organizations[1].slice(2)).toEqual(['Жогорку Кеңеш', 'Парламент']);
      const barriers = rows((await download(t, '/exports/recommendation-barriers.csv?lang=ky')).text);
      expect(barriers[1].slice(2)).toEqual(['Гендердик стереотиптер', 'Коомдук колдоо']);
    });

    it('without lang or Accept-Language: English as before, machine names and codes; Accept-Language chooses by q-value; lang wins over it', async () => {
      const plain = await download(t, '/exports/recommendations.csv');
      expect(plain.headers['content-language']).toBe('en');
      expect(plain.headers['content-disposition']).toBe(`attachment; filename="recommendations-${today}.csv"`);
      const [header, ...data] = rows(plain.text);
      expect(header.slice(0, 5)).toEqual(['code', 'title', 'kind', 'priority', 'status']);
      expect(data.find((r) => r[0] === quotaCode)?.slice(2, 5)).toEqual(['QUOTA', 'MEDIUM', 'IN_PROGRESS']);
      expect((await download(t, '/exports/recommendations.csv?lang=en')).body).toEqual(plain.body);

      const russian = await download(t, '/exports/recommendations.csv', t.adminToken, { 'accept-language': 'de-DE, ru-RU;q=0.8, en;q=0.5' });
      expect(russian.headers['content-language']).toBe('ru');
      expect(rows(russian.text)[0][0]).toBe('Код');
      const kyrgyz = await download(t, '/exports/recommendations.csv', t.adminToken, { 'accept-language': 'ky-KG' });
      expect(rows(kyrgyz.text)[0][0]).toBe('Коду');
      const explicit = await download(t, '/exports/recommendations.csv?lang=en', t.adminToken, { 'accept-language': 'ky-KG' });
      expect(explicit.body).toEqual(plain.body);
      const unknown = await download(t, '/exports/recommendations.csv', t.adminToken, { 'accept-language': 'de, fr;q=0.5' });
      expect(unknown.body).toEqual(plain.body);
      // "*" (fetch's default) names no language: English, not the first of ours.
      const any = await download(t, '/exports/recommendations.csv', t.adminToken, { 'accept-language': '*' });
      expect(any.headers['content-language']).toBe('en');
      const russianFirst = await download(t, '/exports/recommendations.csv', t.adminToken, { 'accept-language': 'ru;q=0.5, *;q=0.9' });
      expect(russianFirst.headers['content-language']).toBe('ru');
    });

    it('refuses an unknown lang with a coded 400, before anything is streamed', async () => {
      for (const path of ['/exports/recommendations.csv?lang=de', '/exports/indicators.xlsx?lang=RU', '/exports/workbook.xlsx?lang=', '/reports/progress.pdf?lang=kg']) {
        const res = await download(t, path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.json.error.code).toBe('BAD_USER_INPUT');
        expect(res.json.error.message).toContain('lang must be one of ky, ru, en');
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    });

    it('describes a Russian CSV with a Table Schema whose field names are its headers, with lang in the inputs and the fingerprint', async () => {
      const ru = JSON.parse((await download(t, '/exports/recommendations.meta.json?lang=ru')).text);
      const en = JSON.parse((await download(t, '/exports/recommendations.meta.json')).text);
      expect(ru.lang).toBe('ru');
      expect(en.lang).toBe('en');
      expect(ru.path).toBe(`recommendations-${today}.ru.csv`);
      expect(ru.schema.fields.slice(0, 2).map((f: { name: string }) => f.name)).toEqual(['Код', 'Название']);
      expect(ru.schema.primaryKey).toEqual(['Код']);
      expect(ru.fingerprint.value).not.toBe(en.fingerprint.value);
    });
  });

  it('NDJSON keeps keys and enum codes whatever the language', async () => {
    const res = await download(t, '/exports/recommendations.json?lang=ru');
    expect(res.headers['content-language']).toBe('ru');
    const lines = res.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.find((l) => l.code === quotaCode)).toMatchObject({ kind: 'QUOTA', priority: 'MEDIUM', status: 'IN_PROGRESS', overdue: true });
  });

  describe('XLSX', () => {
    it('lang=ru: sheet name, headers, labels, dates shown as DD.MM.YYYY (typed cells), booleans in Russian words', async () => {
      const res = await download(t, '/exports/recommendations.xlsx?lang=ru');
      expect(res.headers['content-language']).toBe('ru');
      const book = await workbook(res.body);
      const sheet = book.getWorksheet('Рекомендации') as ExcelJS.Worksheet;
      expect(sheet).toBeDefined();
      expect((sheet.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['Код', 'Название', 'Вид меры', 'Приоритет', 'Статус', 'Срок']);
      const quota = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === quotaCode) as ExcelJS.Row;
      expect(quota.getCell(5).value).toBe('Выполняется');
      expect(quota.getCell(6).value).toEqual(new Date(`${year - 1}-12-31T00:00:00Z`));
      expect(quota.getCell(6).numFmt).toBe('dd.mm.yyyy');
      expect(quota.getCell(7).value).toBe('ДА');
    });

    it('lang=ky: every sheet named in Kyrgyz, the README sheet first, stating the language', async () => {
      const book = await workbook((await download(t, '/exports/workbook.xlsx?lang=ky')).body);
      expect(book.worksheets.map((w) => w.name)).toEqual([
        'Түшүндүрмө',
        'Сунуштар',
        'Статустардын тарыхы',
        'Индикаторлор',
        'Индикаторлордун маанилери',
        'Сун. — уюмдар',
        'Сун. — тоскоолдуктар',
        'Сун. — индикаторлор',
        'Мөөнөттөрдүн өзгөрүшү',
        'Көз карандысыз баалоолор',
      ]);
      const readme = book.worksheets[0];
      const language = readme.getRows(1, readme.rowCount)?.find((r) => r.getCell(1).value === 'Тил');
      expect(language?.getCell(2).value).toBe('ky');
      expect(readme.getRow(1).getCell(1).value).toBe('Тегерек үстөлдөрдүн сунуштарына мониторинг: бардык экспорттор');
      expect(readme.getColumn(1).values).toEqual(expect.arrayContaining(['Чыпкалар жана параметрлер', 'Изи (SHA-256)', 'Индикаторлор', 'Иш-аракеттер планы']));
      const english = await workbook((await download(t, '/exports/workbook.xlsx')).body);
      expect(english.worksheets.map((w) => w.name)).toEqual(['README', 'Recommendations', 'Status history', 'Indicators', 'Indicator values', 'Rec. organisations', 'Rec. barriers', 'Rec. indicators', 'Deadline changes', 'Assessments']);
    });
  });

  describe('PDF', () => {
    it('in Russian: headings, labels, plurals, numbers and days as Russian writes them', async () => {
      const res = await download(t, `/reports/progress.pdf?year=${year}&lang=ru`);
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe('ru');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="progress-report-${year}-${today}.ru.pdf"`);
      const pdf = readPdf(res.body);
      const text = pdf.pageTexts.join('\n');
      const lines = text.split('\n');
      expect(text).toContain(`Отчёт о ходе выполнения за ${year} год`);
      expect(text).toContain(`Статусы на ${dotted(today)}`);
      expect(lines).toEqual(expect.arrayContaining(['Итоги выполнения', '3', 'рекомендации', 'Рекомендации по статусам', 'Выполняется', 'Предложена']));
      expect(lines).toEqual(expect.arrayContaining(['Ответственные организации, самые отстающие вверху', 'Жогорку Кеңеш', 'факт 16,5 (' + year + ' год)', 'Под угрозой · 65\u00a0%']));
      expect(text).toContain('Просроченные рекомендации (1)');
      expect(text).toContain(`${quotaCode}  Аялдар үчүн 30% квота киргизүү`);
      expect(text).toContain(`срок ${dotted(`${year - 1}-12-31`)} · Выполняется · Жогорку Кеңеш`);
      expect(pdf.pageTexts[pdf.pages - 1]).toContain(`стр. ${pdf.pages} из ${pdf.pages}`);
      expect(res.body.toString('latin1')).toContain('/Lang (ru)');
    });

    it('in Kyrgyz (ө ү ң in the labels and the content), from Accept-Language', async () => {
      const res = await download(t, `/reports/progress.pdf?year=${year}&actionPlanId=${planId}`, t.adminToken, { 'accept-language': 'ky, ru;q=0.9' });
      expect(res.headers['content-language']).toBe('ky');
      // Long lines wrap: compared with blanks (and pdfkit's soft line ends) as one space.
      const text = readPdf(res.body).pageTexts.join('\n').replace(/[\s·]+/g, ' ');
      const phrases = [
        `${year}-жылдагы аткаруунун жүрүшү боюнча отчёт`,
        'Аткаруунун жыйынтыгы',
        'Сунуштар статустар боюнча',
        'Аткарылууда',
        '1 сунуш 0 аткарылды',
        'Мөөнөтү өткөн сунуштар (1)',
        'Аялдар үчүн 30% квота киргизүү',
        'Жогорку Кеңеш',
      ];
      expect(phrases.filter((phrase) => !text.includes(phrase))).toEqual([]);
    });

    it('in English by default, with the same labels as before', async () => {
      const res = await download(t, `/reports/progress.pdf?year=${year}`);
      expect(res.headers['content-language']).toBe('en');
      const text = readPdf(res.body).pageTexts.join('\n');
      expect(text).toContain(`Implementation progress report ${year}`);
      expect(text).toContain(`Statuses as of ${today}`);
      expect(text.split('\n')).toEqual(expect.arrayContaining(['3', 'recommendations', 'At risk · 65%', `actual 16.5 (${year})`]));
    });
  });

  describe('content in the language, with the fallback chain', () => {
    /** A text of the Sokuluk sample as the inputs take it (GraphQL's Locale enum values with their texts). */
    const translations = (text: SampleText) => Object.entries(text).map(([locale, value]) => ({ locale: locale.toUpperCase(), text: value }));
    const ministryName = SAMPLE_TEXTS.organizations.ministry.name;
    const quotaTitle = SAMPLE_TEXTS.proposals['SOK-2024-01'].title;
    let translatedCode: string;
    let englishOnlyCode: string;

    beforeAll(async () => {
      const ministry: { id: string } = (
        await t.gqlOk(`mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
          input: {
            kind: 'MINISTRY',
            nameTranslations: translations(ministryName),
          },
        })
      ).createOrganization;
      const meetingId = (await createMeeting(t, { heldOn: `${year - 1}-09-01` })).id;
      const translated = await createRecommendation(t, {
        titleTranslations: translations(quotaTitle),
        meetingId,
        dueDate: `${year - 1}-10-01`,
        responsibleOrganizationIds: [ministry.id],
      });
      translatedCode = translated.code;
      englishOnlyCode = (await createRecommendation(t, { title: 'Train mentors', meetingId })).code;
    });

    it('CSV and NDJSON: titles and names in lang, else the next language of the chain that has one', async () => {
      const title = async (lang: string, code: string) => rows((await download(t, `/exports/recommendations.csv?lang=${lang}`)).text).find((r) => r[0] === code)?.[1];
      expect(await title('ru', translatedCode)).toBe(quotaTitle.ru);
      expect(await title('ky', translatedCode)).toBe(quotaTitle.ky);
      expect(await title('en', translatedCode)).toBe(quotaTitle.en);
      // Written in English only: every language falls back to it.
      expect(await title('ky', englishOnlyCode)).toBe('Train mentors');
      const links = rows((await download(t, '/exports/recommendation-organizations.csv?lang=ky')).text);
      expect(links.find((r) => r[0] === translatedCode)?.[2]).toBe(ministryName.ky);
      const json = (await download(t, '/exports/recommendations.json?lang=ru')).text.trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(json.find((l) => l.code === translatedCode)).toMatchObject({ title: quotaTitle.ru, responsible_organizations: ministryName.ru });
    });

    it('PDF: the sample’s Russian and Kyrgyz titles and names in the overdue list and the scorecard', async () => {
      const text = async (lang: string) => readPdf((await download(t, `/reports/progress.pdf?year=${year}&lang=${lang}`)).body).pageTexts.join('\n').replace(/[\s·]+/g, ' ');
      const ru = await text('ru');
      expect(ru).toContain(`${translatedCode} ${quotaTitle.ru}`);
      expect(ru).toContain(ministryName.ru);
      const ky = await text('ky');
      expect(ky).toContain(`${translatedCode} ${quotaTitle.ky}`);
      expect(ky).toContain(ministryName.ky);
      expect(await text('en')).toContain(`${translatedCode} ${quotaTitle.en}`);
    });
  });

  describe('the Sokuluk sample, loaded in three languages', () => {
    const ids = {} as { plan: string; meeting: string };

    beforeAll(async () => {
      await seedSokulukRoundtable(t.app.get(DataSource));
      [{ id: ids.plan }] = await t.sql<{ id: string }>(`SELECT id FROM action_plan WHERE code = 'WL-2024-2027'`);
      [{ id: ids.meeting }] = await t.sql<{ id: string }>(`SELECT id FROM meeting WHERE title->>'en' = $1`, [SAMPLE_TEXTS.meeting.title.en]);
    });

    it.each(['ru', 'ky'] as const)('the %s report shows the sample’s plan, meeting, organisations and indicators in that language', async (lang) => {
      const res = await download(t, `/reports/progress.pdf?year=2025&asOf=2025-12-31&actionPlanId=${ids.plan}&meetingId=${ids.meeting}&lang=${lang}`);
      expect(res.status).toBe(200);
      const text = readPdf(res.body).pageTexts.join('\n').replace(/[\s·]+/g, ' ');
      const squeeze = (value: string) => value.replace(/\s+/g, ' ');
      const expected = [
        SAMPLE_TEXTS.plan.title[lang],
        SAMPLE_TEXTS.meeting.title[lang],
        SAMPLE_TEXTS.organizations.parliament.name[lang],
        SAMPLE_TEXTS.organizations.ministry.name[lang],
        SAMPLE_TEXTS.indicators['WL-1'].name[lang],
      ].map(squeeze);
      expect(expected.filter((phrase) => !text.includes(phrase))).toEqual([]);
    });

    it('units in the reader’s language in ky/ru files (as stored in English and for scripts), and as a code in the API', async () => {
      const unitOf = async (lang: string) => {
        const [header, ...data] = rows((await download(t, `/exports/indicator-values.csv?lang=${lang}&actionPlanId=${ids.plan}`)).text);
        // Columns in the same order in every language: the plan, the indicator's code, …
        const row = data.find((r) => r[1] === 'WL-2') as string[];
        return row[header.findIndex((h) => ['unit', 'Единица измерения', 'Өлчөө бирдиги'].includes(h))];
      };
      expect(await unitOf('ru')).toBe('человек');
      expect(await unitOf('ky')).toBe('адам');
      expect(await unitOf('en')).toBe('people');
      const { indicators } = await t.gqlOk<{ indicators: { edges: { node: { code: string; unit: string; unitCode: string | null } }[] } }>(
        '{ indicators(first: 50) { edges { node { code unit unitCode } } } }',
      );
      expect(indicators.edges.map((e) => e.node).filter((n) => n.code.startsWith('WL-') && n.unitCode)).toEqual(
        expect.arrayContaining([
          { code: 'WL-1', unit: '%', unitCode: 'PERCENT' },
          { code: 'WL-2', unit: 'people', unitCode: 'PERSON' },
          { code: 'WL-3', unit: 'programmes', unitCode: 'PROGRAMME' },
        ]),
      );
    });

    it('the Russian and Kyrgyz CSV carry the sample’s titles', async () => {
      for (const lang of ['ru', 'ky'] as const) {
        const [, ...data] = rows((await download(t, `/exports/recommendations.csv?lang=${lang}`)).text);
        expect(data.find((r) => r[0] === 'SOK-2024-01')?.[1]).toBe(SAMPLE_TEXTS.proposals['SOK-2024-01'].title[lang]);
      }
    });

    it.each([
      ['ky', 'ООБА', 'ЖОК'],
      ['ru', 'ДА', 'НЕТ'],
      ['en', 'TRUE', 'FALSE'],
    ] as const)('XLSX in %s: whole numbers and years without a trailing separator, columns as wide as their headers, booleans in words', async (lang, yes, no) => {
      // Column positions from the English workbook: the order is the same in every language.
      const english = (await workbook((await download(t, '/exports/indicator-values.xlsx')).body)).worksheets[1];
      const at = (name: string) => (english.getRow(1).values as unknown[]).indexOf(name);
      const sheet = (await workbook((await download(t, `/exports/indicator-values.xlsx?lang=${lang}`)).body)).worksheets[1];
      const data = sheet.getRows(2, sheet.rowCount - 1) as ExcelJS.Row[];
      const cell = (value: number) => data.map((r) => r.getCell(at('value'))).find((c) => c.value === value) as ExcelJS.Cell;
      // The sample's 310 people (whole) and 21.5 % (a fraction): '#,##0.###' would show "310." / "310,".
      expect(cell(310).numFmt).toBe('#,##0');
      expect(cell(21.5).numFmt).toBe('#,##0.###');
      for (const row of data) {
        expect(row.getCell(at('year')).numFmt).toBe('0');
        expect(row.getCell(at('quarter')).numFmt).toBe('0');
      }
      // Every column at least as wide as its header in this language, with room for the filter button.
      (sheet.getRow(1).values as unknown[]).slice(1).forEach((header, i) => {
        expect({ header, wide: (sheet.getColumn(i + 1).width ?? 0) >= String(header).length + 3 }).toEqual({ header, wide: true });
      });
      // Booleans as the catalog's words in text cells, not boolean cells a spreadsheet names in its own language.
      const recommendations = (await workbook((await download(t, `/exports/recommendations.xlsx?lang=${lang}`)).body)).worksheets[1];
      const overdue = (recommendations.getRows(2, recommendations.rowCount - 1) as ExcelJS.Row[]).map((r) => r.getCell(7).value);
      expect(overdue).toContain(yes);
      expect(overdue).toContain(no);
      expect(overdue.every((v) => v === yes || v === no)).toBe(true);
    });
  });

  it('the export CLI takes --lang, checked like the HTTP parameter', () => {
    expect(parseExportArguments(['recommendations', '--out', '-', '--lang', 'ky']).options.lang).toBe('ky');
    expect(parseExportArguments(['recommendations', '--out', '-']).options.lang).toBe('en');
    expect(parseExportArguments(['recommendations', '--format', 'json', '--out', '-', '--lang', 'ru']).options).toMatchObject({ lang: 'ru', enumCodes: true });
    expect(() => parseExportArguments(['recommendations', '--out', '-', '--lang', 'de'])).toThrow('lang must be one of ky, ru, en');
  });
});
