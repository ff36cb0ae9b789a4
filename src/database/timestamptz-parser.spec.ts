import { types } from 'pg';
import { parseTimestamptz } from './timestamptz-parser';

// node-postgres's own reader (postgres-date): this spec loads nothing that replaces it.
const general = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date | number | null;

const time = (value: Date | number | null) => (value instanceof Date ? value.getTime() : value);

/** A deterministic stream of numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL writes as node-postgres does, to the millisecond', () => {
    const next = random(28);
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (let i = 0; i < 20_000; i += 1) {
      const int = (below: number) => Math.floor(next() * below);
      const fraction = ['', `.${pad(int(10), 1)}`, `.${pad(int(100), 2)}`, `.${pad(int(1000), 3)}`, `.${pad(int(1_000_000), 6)}`, `.${pad(int(100_000), 5)}`][int(6)];
      const offset = [`+${pad(int(15), 2)}`, `-${pad(int(13), 2)}`, `+${pad(int(15), 2)}:${['30', '45', '00'][int(3)]}`, '+00'][int(4)];
      const text = `${pad(100 + int(9900), 4)}-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)} ${pad(int(24), 2)}:${pad(int(60), 2)}:${pad(int(60), 2)}${fraction}${offset}`;
      expect([text, time(parseTimestamptz(text))]).toEqual([text, time(general(text))]);
    }
  });

  it.each([
    ['2026-03-01 12:34:56.999999+06', Date.UTC(2026, 2, 1, 6, 34, 56, 999)],
    ['2026-03-01 00:00:00+00', Date.UTC(2026, 2, 1)],
    ['2024-08-13 10:00:00.5-03:30', Date.UTC(2024, 7, 13, 13, 30, 0, 500)],
  ])('reads %s', (text, expected) => {
    expect(time(parseTimestamptz(text))).toBe(expected);
  });

  it.each([
    'infinity',
    '-infinity',
    '0044-03-15 12:00:00+00 BC',
    '0099-12-31 23:59:59+00',
    '12026-01-01 00:00:00+00',
    '1850-01-01 00:00:00+04:58:32',
    '2026-03-01 12:34:56.1234567+00',
    '2026-03-01T12:34:56+00',
  ])('leaves %s to node-postgres', (text) => {
    expect(time(parseTimestamptz(text))).toEqual(time(general(text)));
  });
});
