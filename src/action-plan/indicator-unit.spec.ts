import { buildTranslator } from '../i18n/i18n.service';
import { IndicatorUnit, periodText, quantityText, unitCodeFor, unitName } from './indicator-unit';

const ru = buildTranslator('ru', 'Asia/Bishkek');
const ky = buildTranslator('ky', 'Asia/Bishkek');
const en = buildTranslator('en', 'Asia/Bishkek');

const people = { unit: 'people', unitCode: IndicatorUnit.PERSON };
const programmes = { unit: 'programmes', unitCode: IndicatorUnit.PROGRAMME };
const percent = { unit: '%', unitCode: IndicatorUnit.PERCENT };

describe('indicator units and periods in the reader’s language', () => {
  it('recognises a unit as commonly written in ky, ru or en, else none', () => {
    expect(unitCodeFor(' People ')).toBe(IndicatorUnit.PERSON);
    expect(unitCodeFor('человек')).toBe(IndicatorUnit.PERSON);
    expect(unitCodeFor('адам')).toBe(IndicatorUnit.PERSON);
    expect(unitCodeFor('%')).toBe(IndicatorUnit.PERCENT);
    expect(unitCodeFor('programmes')).toBe(IndicatorUnit.PROGRAMME);
    expect(unitCodeFor('hectares')).toBeNull();
  });

  it('writes a quantity with the plural form its number takes', () => {
    expect([1, 3, 380, 21.5].map((n) => quantityText(ru, n, people))).toEqual(['1 человек', '3 человека', '380 человек', '21,5 человека']);
    expect([1, 2, 9].map((n) => quantityText(ru, n, programmes))).toEqual(['1 программа', '2 программы', '9 программ']);
    expect([1, 380].map((n) => quantityText(ky, n, people))).toEqual(['1 адам', '380 адам']);
    expect(quantityText(ky, 9, programmes)).toBe('9 программа');
    expect([1, 380].map((n) => quantityText(en, n, people))).toEqual(['1 person', '380 people']);
    expect(quantityText(ru, 23.1, percent)).toBe('23,1 %');
    expect(quantityText(ru, 12_500, people)).toBe('12\u00a0500 человек');
  });

  it('writes a unit it does not know as stored, and names known units in the language', () => {
    expect(quantityText(ru, 5, { unit: 'ha', unitCode: null })).toBe('5 ha');
    expect(unitName(ru, people)).toBe('человек');
    expect(unitName(ky, programmes)).toBe('программа');
    expect(unitName(en, { unit: 'ha', unitCode: null })).toBe('ha');
  });

  it('writes a period code as prose: quarters and years in each language, anything else as it is', () => {
    expect(periodText(ru, '2026-Q2')).toBe('2-й квартал 2026 г.');
    expect(periodText(ky, '2026-Q2')).toBe('2026-жылдын 2-чейреги');
    expect(periodText(en, '2026-Q2')).toBe('Q2 2026');
    expect(periodText(ru, '2025')).toBe('2025 год');
    expect(periodText(ky, '2025')).toBe('2025-жыл');
    expect(periodText(en, 'later')).toBe('later');
  });
});
