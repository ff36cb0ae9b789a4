import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signInWithKeyboard, tabTo } from './harness';

/** Three districts of Chui oblast: women among deputies of local keneshes (numerator, denominator). */
const DISTRICTS = [
  { code: 'CHUI-ALAMUDUN', numerator: '12', denominator: '40' },
  { code: 'CHUI-SOKULUK', numerator: '9', denominator: '31' },
  { code: 'CHUI-KEMIN', numerator: '3', denominator: '15' },
];

/**
 * Issue 24 in a browser, in Kyrgyz, from the keyboard alone: a ministry officer records WL-1 for
 * 2025 for three districts of Chui oblast with numerator and denominator (a mistake first, shown
 * at its row), an editor approves it, and the public page shows the breakdown and the oblast's
 * total as Σ numerator / Σ denominator (24 / 86 = 27.9 %, where the mean of the shares is 26.3 %).
 */
describeInBrowser('a breakdown by district in a browser (Kyrgyz, keyboard only)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let officer: { email: string };
  let editor: { email: string };
  let indicatorId: string;

  const expectAxeClean = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
  const rowInput = async (page: Page, code: string, part: 'numerator' | 'denominator') =>
    `#${await page.getAttribute(`tr[data-members="${code}"] input[id$="-${part}"]`, 'id')}`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    [{ id: indicatorId }] = await t.sql<{ id: string }>(`SELECT id FROM indicator WHERE code = 'WL-1'`);
    const [{ organization }] = await t.sql<{ organization: string }>('SELECT responsible_organization_id AS organization FROM indicator WHERE id = $1', [indicatorId]);
    await t.gqlOk(`mutation ($i: ID!) { setIndicatorDimensions(input: { indicatorId: $i, dimensionCodes: ["TERRITORY"], totalSource: DERIVED, valueKind: RATIO }) { id } }`, {
      i: indicatorId,
    });
    officer = await createUser(t, { email: 'aigul@sokuluk.gov.kg', role: Role.MINISTRY, organizationId: organization, displayName: 'Айгүл Токтосунова', language: 'ky' });
    editor = await createUser(t, { email: 'bakyt@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Секретариат', language: 'ky' });
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records three districts, shows a mistake at its row, is approved, and the public page shows the oblast total Σ/Σ', async () => {
    // 1. The officer fills in the three districts' rows; Kemin's denominator is 0 at first.
    const officerContext = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const o = await officerContext.newPage();
    await o.goto('/sign-in?lang=ky');
    await signInWithKeyboard(o, officer.email);
    await o.goto(`/work/indicators/${indicatorId}`);
    expect(await o.getAttribute('html', 'lang')).toBe('ky');
    expect(await o.textContent('#record-title')).toBe('Маанини бөлүштүрүүсү менен киргизүү же оңдоо');
    expect(await o.textContent('tr[data-members="CHUI-SOKULUK"] th')).toBe('Сокулук району');
    await expectAxeClean(o);
    await tabTo(o, '#year', 200);
    await o.keyboard.type('2025');
    for (const d of DISTRICTS) {
      await tabTo(o, await rowInput(o, d.code, 'numerator'), 200);
      await o.keyboard.type(d.numerator);
      await o.keyboard.press('Tab');
      await o.keyboard.type(d.code === 'CHUI-KEMIN' ? '0' : d.denominator);
    }
    await tabTo(o, 'form[action$="/breakdown"] button[type=submit]', 200);
    await o.keyboard.press('Enter');
    await o.waitForLoadState();
    const kemin = await rowInput(o, 'CHUI-KEMIN', 'denominator');
    expect(await o.textContent('.govuk-error-summary')).toContain('Бөлүмү 0дөн чоң болушу керек');
    expect(await o.getAttribute('.govuk-error-summary a', 'href')).toBe(kemin);
    expect(await o.textContent(`${kemin}-error`)).toContain('Бөлүмү 0дөн чоң болушу керек');
    // Everything typed is kept; nothing was saved.
    expect(await o.inputValue(await rowInput(o, 'CHUI-SOKULUK', 'numerator'))).toBe('9');
    expect(await t.sql('SELECT 1 FROM indicator_value v WHERE v.indicator_id = $1 AND v.period = $2', [indicatorId, '2025'])).toEqual([]);
    await expectAxeClean(o);
    // 2. The officer corrects Kemin's denominator from the keyboard and submits.
    await tabTo(o, kemin, 250);
    await o.keyboard.press('Backspace');
    await o.keyboard.type('15');
    await tabTo(o, 'form[action$="/breakdown"] button[type=submit]', 200);
    await o.keyboard.press('Enter');
    await o.waitForURL(/done=2025/);
    const [version] = await t.sql<{ id: string; value: number; review_status: string }>(
      `SELECT w.id, w.value, w.review_status FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
        WHERE v.indicator_id = $1 AND v.period = '2025'`,
      [indicatorId],
    );
    expect(version.review_status).toBe('SUBMITTED');
    expect(version.value).toBeCloseTo((100 * 24) / 86, 6);
    expect((await t.sql('SELECT 1 FROM indicator_value_cell WHERE version_id = $1', [version.id])).length).toBe(3);

    // 3. The editor approves it from the review page.
    const editorContext = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const e = await editorContext.newPage();
    await e.goto('/sign-in?lang=ky');
    await signInWithKeyboard(e, editor.email);
    await e.goto('/work/review');
    await tabTo(e, `form[action="/work/review/${version.id}/approve"] button`, 200);
    await e.keyboard.press('Enter');
    await e.waitForURL(/approved=/);
    await expectAxeClean(e);

    // 4. The public page, in Kyrgyz: the three districts, and Chui oblast's total as Σ/Σ (not the 26,3 mean of shares).
    const visitor = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const p = await visitor.newPage();
    await p.goto('/indicators/WL-1?lang=ky');
    const cells = (selector: string) => p.locator(`${selector} td, ${selector} th`).allTextContents();
    expect((await cells('[data-table="breakdown"] tr[data-members="CHUI-SOKULUK"]')).map((c) => c.trim())).toEqual(['Сокулук району', '9', '31', '29,032']);
    expect((await cells('[data-table="breakdown-parents-TERRITORY"] tr[data-member="CHUI"]')).map((c) => c.trim())).toEqual(['Чүй облусу', '24', '86', '27,907']);
    expect(await p.textContent('#chart-breakdown-title')).toContain('Бөлүштүрүү');
    await expectAxeClean(p);
    await Promise.all([officerContext.close(), editorContext.close(), visitor.close()]);
  });
});
