import { dependsOnReportingLag, resolveProgressCut } from './progress-cut';

describe('dependsOnReportingLag', () => {
  const today = '2026-12-05';
  const requests = [{}, { asOf: '2026-12-05' }, { asOf: '2026-09-30' }, { asOf: '2025-06-30' }, { valuesKnownBy: '2026-12-01', asOf: '2026-06-30' }];
  const years = [null, 2024, 2025, 2026, 2027];

  it('is false exactly where every reporting lag gives the same cut', () => {
    for (const request of requests) {
      for (const year of years) {
        let cuts: string[];
        try {
          cuts = [0, 1, 45, 400].map((lag) => JSON.stringify(resolveProgressCut(today, request, year, lag)));
        } catch {
          continue; // a request refused for every lag alike
        }
        const sameForEveryLag = new Set(cuts).size === 1;
        expect({ request, year, depends: dependsOnReportingLag(today, request, year) }).toEqual({ request, year, depends: !sameForEveryLag });
      }
    }
  });

  it('is false for the current year as of today, the dashboards\' usual question', () => {
    expect(dependsOnReportingLag(today, {}, 2026)).toBe(false);
    expect(dependsOnReportingLag(today, {}, 2025)).toBe(true);
  });
});
