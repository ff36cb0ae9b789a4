import { IndicatorValueKind } from '../action-plan/action-plan.enums';
import { DomainError } from '../common/errors/domain-error';
import { BreakdownLevel, checkCells, MemberRef, totalOf, totalsBy } from './breakdown';

const TERRITORY = { id: 'd-territory', code: 'TERRITORY' };
const SEX = { id: 'd-sex', code: 'SEX' };
const AGE = { id: 'd-age', code: 'AGE' };
const member = (id: string, dimensionId: string, parentId: string | null = null): MemberRef => ({ id, code: id, dimensionId, parentId });
const MEMBERS: MemberRef[] = [
  member('CHUI', TERRITORY.id),
  member('TALAS', TERRITORY.id),
  member('SOKULUK', TERRITORY.id, 'CHUI'),
  member('KEMIN', TERRITORY.id, 'CHUI'),
  member('JAYIL', TERRITORY.id, 'CHUI'),
  member('F', SEX.id),
  member('M', SEX.id),
  member('18-24', AGE.id),
];
const byCode = new Map(MEMBERS.map((m) => [m.code, [m]]));
const byId = new Map(MEMBERS.map((m) => [m.id, m]));
const PERCENT = { kind: IndicatorValueKind.RATIO, percent: true };
const COUNT = { kind: IndicatorValueKind.NUMBER, percent: false };

function reasonOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as DomainError).details.reason;
  }
  return 'no error';
}

describe('breakdown rules', () => {
  it('aggregates shares as Σ numerator / Σ denominator, not as the mean of the shares', () => {
    const cells = checkCells(
      [
        { members: ['SOKULUK'], numerator: 10, denominator: 20 },
        { members: ['KEMIN'], numerator: 90, denominator: 100 },
      ],
      [TERRITORY],
      byCode,
      PERCENT,
    );
    expect(cells.map((c) => c.value)).toEqual([50, 90]);
    const whole = totalOf(cells, PERCENT);
    expect(whole).toEqual({ value: (100 * 100) / 120, numerator: 100, denominator: 120, cells: 2 });
    expect(whole.value).toBeCloseTo(83.33, 2);
    expect(whole.value).not.toBeCloseTo((50 + 90) / 2, 1);
    const [oblast] = totalsBy(cells, byId, TERRITORY.id, BreakdownLevel.PARENT, PERCENT);
    expect(oblast.memberId).toBe('CHUI');
    expect(oblast.total.value).toBeCloseTo(83.33, 2);
  });

  it('totals per member of one dimension sum over the others, in the members order', () => {
    const cells = checkCells(
      [
        { members: ['KEMIN', 'F'], value: 3 },
        { members: ['M', 'SOKULUK'], value: 4 },
        { members: ['SOKULUK', 'F'], value: 5 },
        { members: ['TALAS', 'F'], value: 7 },
      ],
      [TERRITORY, SEX],
      byCode,
      COUNT,
    );
    expect(totalsBy(cells, byId, SEX.id, BreakdownLevel.MEMBER, COUNT).map((t) => [t.memberId, t.total.value])).toEqual([
      ['F', 15],
      ['M', 4],
    ]);
    expect(totalsBy(cells, byId, TERRITORY.id, BreakdownLevel.MEMBER, COUNT).map((t) => [t.memberId, t.total.value])).toEqual([
      ['TALAS', 7],
      ['SOKULUK', 9],
      ['KEMIN', 3],
    ]);
    expect(totalsBy(cells, byId, TERRITORY.id, BreakdownLevel.PARENT, COUNT).map((t) => [t.memberId, t.total.value])).toEqual([
      ['CHUI', 12],
      ['TALAS', 7],
    ]);
    expect(totalOf(cells, COUNT).value).toBe(19);
  });

  it('keys a combination by its sorted member ids, whatever order the members come in', () => {
    const [a] = checkCells([{ members: ['F', 'KEMIN'], value: 1 }], [TERRITORY, SEX], byCode, COUNT);
    const [b] = checkCells([{ members: ['KEMIN', 'F'], value: 1 }], [TERRITORY, SEX], byCode, COUNT);
    expect(a.memberIds).toEqual(b.memberIds);
    expect(reasonOf(() => checkCells([{ members: ['F', 'KEMIN'], value: 1 }, { members: ['KEMIN', 'F'], value: 2 }], [TERRITORY, SEX], byCode, COUNT))).toBe(
      'duplicateCombination',
    );
  });

  it.each([
    ['unknownMember', [{ members: ['NOWHERE'], numerator: 1, denominator: 2 }]],
    ['undeclaredDimension', [{ members: ['F'], numerator: 1, denominator: 2 }]],
    ['missingDimension', [{ members: [], numerator: 1, denominator: 2 }]],
    ['repeatedDimension', [{ members: ['KEMIN', 'SOKULUK'], numerator: 1, denominator: 2 }]],
    ['missingRatio', [{ members: ['KEMIN'], value: 50 }]],
    ['missingRatio', [{ members: ['KEMIN'], numerator: 1 }]],
    ['zeroDenominator', [{ members: ['KEMIN'], numerator: 0, denominator: 0 }]],
    ['negative', [{ members: ['KEMIN'], numerator: -1, denominator: 2 }]],
    ['shareAboveWhole', [{ members: ['KEMIN'], numerator: 3, denominator: 2 }]],
    ['valueDisagrees', [{ members: ['KEMIN'], numerator: 1, denominator: 2, value: 40 }]],
    ['noCells', []],
    ['overlapping', [{ members: ['KEMIN'], numerator: 1, denominator: 2 }, { members: ['CHUI'], numerator: 1, denominator: 2 }]],
  ])('refuses a ratio breakdown with %s', (reason, cells) => {
    expect(reasonOf(() => checkCells(cells, [TERRITORY], byCode, PERCENT))).toBe(reason);
  });

  it('accepts a ratio value rounded to one decimal place, and a ratio above 1 when it is not a percentage', () => {
    expect(checkCells([{ members: ['KEMIN'], numerator: 1, denominator: 3, value: 33.3 }], [TERRITORY], byCode, PERCENT)[0].value).toBeCloseTo(33.333, 3);
    expect(checkCells([{ members: ['KEMIN'], numerator: 3, denominator: 2 }], [TERRITORY], byCode, { kind: IndicatorValueKind.RATIO, percent: false })[0].value).toBe(1.5);
  });

  it('refuses numerator and denominator for a number, and a number cell without a value', () => {
    expect(reasonOf(() => checkCells([{ members: ['KEMIN'], numerator: 1, denominator: 2 }], [TERRITORY], byCode, COUNT))).toBe('valueForRatio');
    expect(reasonOf(() => checkCells([{ members: ['KEMIN'] }], [TERRITORY], byCode, COUNT))).toBe('missingValue');
  });
});
