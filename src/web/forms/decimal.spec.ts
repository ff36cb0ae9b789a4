import { parseDecimal } from './decimal';

describe('parseDecimal', () => {
  it('reads either decimal separator', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal(' 12.5 ')).toBe(12.5);
    expect(parseDecimal('-3')).toBe(-3);
  });

  it('gives null for blank and the text itself for anything else', () => {
    expect(parseDecimal('  ')).toBeNull();
    expect(parseDecimal('12,5,1')).toBe('12,5,1');
    expect(parseDecimal('1e3')).toBe('1e3');
    expect(parseDecimal('12.')).toBe('12.');
  });
});
