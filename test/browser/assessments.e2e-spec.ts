import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createOrganization } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser, PASSWORD } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signInWithKeyboard, tabTo } from './harness';

const NGO_NAME = 'Сокулук аялдар мониторинги';
const TEXT = 'Квота боюнча аялдар тизмеде жок: шайлоо комиссиясынын тизмеси тиркелди.';
const EVIDENCE = 'https://example.kg/sokuluk/tizme.pdf';

/**
 * Issue 26 in a browser, in Kyrgyz, from the keyboard alone: an NGO monitor assesses SOK-2024-01
 * as STALLED with evidence, an editor publishes it from the moderation page, and the public page
 * shows both views side by side with the divergence flag, which the home page links to. Axe-clean.
 */
describeInBrowser('independent assessments in a browser (Kyrgyz, keyboard only)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let monitor: { email: string };
  let editor: { email: string };

  const expectAxeClean = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    const ngo = await createOrganization(t, { kind: 'NGO', name: NGO_NAME });
    monitor = await createUser(t, { email: 'monitor@ngo.kg', role: Role.NGO, organizationId: ngo.id, displayName: 'Айгүл Монитор', language: 'ky' });
    editor = await createUser(t, { email: 'bakyt@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Катчылык', language: 'ky' });
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an NGO assesses SOK-2024-01 as STALLED, an editor publishes it, the public sees both views and the divergence', async () => {
    // 1. The monitor signs in and lands on the organisation's assessments.
    const monitorContext = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const m = await monitorContext.newPage();
    await m.goto('/sign-in?lang=ky');
    await tabTo(m, '#email');
    await m.keyboard.type(monitor.email);
    await m.keyboard.press('Tab');
    await m.keyboard.type(PASSWORD);
    await m.keyboard.press('Enter');
    await m.waitForURL(/\/work\/assessments$/);
    expect(await m.getAttribute('html', 'lang')).toBe('ky');
    expect(await m.textContent('h1')).toBe('Биздин уюмдун баалоолору');
    await expectAxeClean(m);

    // 2. Finds the recommendation by its code and fills the form.
    await tabTo(m, '#code');
    await m.keyboard.type('SOK-2024-01');
    await m.keyboard.press('Enter');
    await m.waitForURL(/\/work\/assessments\/[0-9a-f-]{36}$/);
    expect(await m.textContent('[data-moderation-note]')).toContain('макулдугу текшерилбейт');
    await expectAxeClean(m);
    await tabTo(m, 'input[name=status]', 200);
    // PROPOSED, UNDER_REVIEW, ACCEPTED, REJECTED, IN_PROGRESS, STALLED: the sixth.
    for (let i = 0; i < 5; i++) await m.keyboard.press('ArrowDown');
    expect(await m.isChecked('input[name=status][value=STALLED]')).toBe(true);
    await tabTo(m, '#text-ky');
    await m.keyboard.type(TEXT);
    await tabTo(m, '#evidenceUrls');
    await m.keyboard.type(EVIDENCE);
    await tabTo(m, 'form[action^="/work/assessments/"] button[type=submit]');
    await m.keyboard.press('Enter');
    await m.waitForURL(/done=submitted/);
    expect(await m.textContent('.govuk-notification-banner')).toContain('Баалооңуз модерацияга жөнөтүлдү.');
    expect(await m.getAttribute('tr[data-code="SOK-2024-01"] [data-assessment-review]', 'data-assessment-review')).toBe('SUBMITTED');
    await expectAxeClean(m);

    // 3. The editor follows the navigation's count to the moderation page and publishes it.
    const editorContext = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const e = await editorContext.newPage();
    await e.goto('/sign-in?lang=ky');
    await signInWithKeyboard(e, editor.email);
    await tabTo(e, 'a[href="/work/moderation"]');
    expect(await e.evaluate(() => document.activeElement?.textContent)).toContain('Модерациядагы баалоолор (1)');
    await e.keyboard.press('Enter');
    await e.waitForURL(/\/work\/moderation$/);
    expect(await e.textContent('#moderation-list')).toContain(TEXT);
    await expectAxeClean(e);
    const [{ id }] = await t.sql<{ id: string }>('SELECT id FROM assessment_version');
    await tabTo(e, `form[action="/work/moderation/${id}/publish"] button`);
    await e.keyboard.press('Enter');
    await e.waitForURL(/done=published/);
    expect(await e.textContent('.govuk-notification-banner')).toContain('Баалоо жарыяланды.');
    await expectAxeClean(e);

    // 4. Anyone: the home page counts the divergence and links to the list, which leads to the recommendation.
    const visitor = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const p = await visitor.newPage();
    await p.goto('/?lang=ky');
    expect(await p.textContent('[data-figure="divergent"] .app-figure__value')).toBe('1');
    await expectAxeClean(p);
    await tabTo(p, 'a[href="/recommendations?divergent=true"]', 200);
    await p.keyboard.press('Enter');
    await p.waitForURL(/divergent=true/);
    expect(await p.locator('[data-list="recommendations"] tbody tr').count()).toBe(1);
    expect(await p.textContent('tr[data-code="SOK-2024-01"] [data-divergent]')).toBe('Көз караштар айырмаланат');
    await expectAxeClean(p);
    await tabTo(p, 'tr[data-code="SOK-2024-01"] a', 200);
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/recommendations\/SOK-2024-01/);
    expect(await p.getAttribute('html', 'lang')).toBe('ky');
    const section = p.locator('[data-list="assessments"]');
    expect(await section.textContent()).toContain(NGO_NAME);
    expect(await section.textContent()).toContain(TEXT);
    expect(await section.locator('[data-independent-status="STALLED"] [data-status="STALLED"]').count()).toBe(1);
    expect(await section.locator('[data-status="PROPOSED"]').count()).toBe(1);
    expect(await section.locator(`a[href="${EVIDENCE}"]`).count()).toBe(1);
    expect(await p.textContent('[data-divergence-note]')).toContain('«Сунушталды»');
    expect(await p.locator('main [data-divergent="true"]').count()).toBe(1);
    await expectAxeClean(p);
    await Promise.all([monitorContext.close(), editorContext.close(), visitor.close()]);
  });
});
