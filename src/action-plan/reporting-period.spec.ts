import { formatPeriod, parsePeriod } from './reporting-period';

describe('parsePeriod', () => {
  it.each([
    ['2025', { year: 2025, quarter: null }],
    ['2025-Q1', { year: 2025, quarter: 1 }],
    ['2024-Q4', { year: 2024, quarter: 4 }],
  ])('parses %s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(period)).toBe(text);
  });

  it.each(['', '25', '2025-Q0', '2025-Q5', '2025-q1', '2025-3', ' 2025', '2025 ', '2025-Q1-x', '1800', '9999', 'abcd'])(
    'rejects %p',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );
});
