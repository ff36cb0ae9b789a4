import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { storedVersion, waitForVersion } from './support/data-version';
import { createTestApp, TestApp } from './support/test-app';

const NOTICE = 'data-notice="sample-data"';

/** The footer's "sample values are illustrative" appears only on a deployment whose database holds the sample's values. */
describe('the sample-data notice in the footer', () => {
  let t: TestApp;
  const get = (path: string, lang = 'en') => request(t.app.getHttpServer()).get(path).set('accept-language', lang);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is absent on a deployment without the sample', async () => {
    for (const path of ['/', '/recommendations', '/meetings']) {
      const page = (await get(path).expect(200)).text;
      expect(page).not.toContain(NOTICE);
      expect(page).not.toContain('illustrative, not official statistics');
    }
  });

  it('appears once the sample is loaded, in each language, and goes when its values are replaced by real ones', async () => {
    await seedSokulukRoundtable(t.app.get(DataSource));
    expect((await get('/').expect(200)).text).toContain(`<p class="govuk-body-s" ${NOTICE}>Indicator values in the sample data are illustrative, not official statistics.</p>`);
    expect((await get('/recommendations', 'ru').expect(200)).text).toContain('Значения показателей в демонстрационных данных условные');
    expect((await get('/meetings', 'ky').expect(200)).text).toContain(NOTICE);
    // The sample's values deleted (a deployment moving to real statistics): the notice goes with them.
    await t.sql(`DELETE FROM indicator_value WHERE recorded_by = 'sample data'`);
    // A write beside the service reaches its data version by NOTIFY, a moment later.
    await waitForVersion(t, await storedVersion(t));
    expect((await get('/').expect(200)).text).not.toContain(NOTICE);
  });
});
