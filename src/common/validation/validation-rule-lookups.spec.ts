import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, Min, validate, ValidationTypes } from 'class-validator';
import { keepValidationRuleLookups } from './validation-rule-lookups';

class Named {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Counted extends Named {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  count!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

const messages = async (object: object, options = {}) =>
  (await validate(object, { whitelist: true, forbidUnknownValues: true, ...options })).flatMap((error) => Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`)).sort();

function counted(values: Partial<Counted> & Record<string, unknown>): Counted {
  return Object.assign(new Counted(), values);
}

describe('keepValidationRuleLookups', () => {
  const storage = getMetadataStorage();
  // class-validator's own lookup, before anything is kept: what every kept answer must equal.
  const original = storage.getTargetValidationMetadatas.bind(storage);
  const cases: [boolean, boolean, string[] | undefined][] = [
    [false, false, undefined],
    [true, false, undefined],
    [false, true, undefined],
    [false, false, ['strict']],
    [false, true, ['strict']],
  ];
  const expected = cases.map(([always, strictGroups, groups]) => original(Counted, '', always, strictGroups, groups));

  // What validate() says before anything is kept, for inputs that meet each kind of rule.
  const inputs: [Record<string, unknown>, object][] = [
    [{ name: 'abc', count: 2 }, {}],
    [{ name: 'abcdef', count: 1.5, note: 3 }, {}],
    [{ name: 'abc', count: 0 }, { groups: ['strict'] }],
    [{ name: 'abc', count: 0 }, {}],
    [{ name: 'abc', count: 0 }, { groups: ['other'] }],
    [{ name: 'abc', count: 0 }, { strictGroups: true }],
    [{ name: 'abc', count: 2, unknown: 'x' }, { forbidNonWhitelisted: true }],
  ];
  let before: string[][];

  beforeAll(async () => {
    before = await Promise.all(inputs.map(([values, options]) => messages(counted(values), options)));
    keepValidationRuleLookups();
  });

  it('answers with the rules class-validator finds, inherited ones and groups included, each once worked out', () => {
    cases.forEach(([always, strictGroups, groups], i) => {
      const rules = storage.getTargetValidationMetadatas(Counted, '', always, strictGroups, groups);
      expect(rules).toEqual(expected[i]);
      expect(storage.getTargetValidationMetadatas(Counted, '', always, strictGroups, groups)).toBe(rules);
      expect(Object.isFrozen(rules)).toBe(true);
    });
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false, undefined).map((rule) => rule.propertyName)).toEqual(expect.arrayContaining(['name', 'count', 'note']));
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false, undefined)).not.toBe(storage.getTargetValidationMetadatas(Named, '', false, false, undefined));
  });

  it('validates as before: errors, inherited rules, groups, and whitelisting', async () => {
    expect(before[1]).toEqual(['count:isInt', 'name:maxLength', 'note:isString']);
    expect(before[2]).toEqual(['count:min']);
    expect(before[6]).toEqual(['unknown:whitelistValidation']);
    for (const [i, [values, options]] of inputs.entries()) expect(await messages(counted(values), options)).toEqual(before[i]);
    const extra = counted({ name: 'abc', count: 2, unknown: 'x' });
    expect(await messages(extra)).toEqual([]);
    expect(extra).not.toHaveProperty('unknown');
  });

  it('groups the kept rules by property once, and leaves lists it did not keep to class-validator', () => {
    const rules = storage.getTargetValidationMetadatas(Counted, '', false, false, undefined);
    const byProperty = storage.groupByPropertyName(rules);
    expect(storage.groupByPropertyName(rules)).toBe(byProperty);
    expect(Object.keys(byProperty).sort()).toEqual(['count', 'name', 'note']);
    const copy = [...rules];
    expect(storage.groupByPropertyName(copy)).not.toBe(byProperty);
    expect(storage.groupByPropertyName(copy)).toEqual(byProperty);
  });

  it('sees a rule registered after a lookup: what was kept is dropped', async () => {
    class Late {
      @IsString()
      title!: string;

      code!: string;
    }
    expect(await messages(Object.assign(new Late(), { title: 't', code: 7 }))).toEqual([]);
    IsString()(Late.prototype, 'code');
    expect(await messages(Object.assign(new Late(), { title: 't', code: 7 }))).toEqual(['code:isString']);
    expect(storage.getTargetValidationMetadatas(Late, '', false, false, undefined).filter((rule) => rule.type === ValidationTypes.CUSTOM_VALIDATION)).toHaveLength(2);
  });

  it('is installed once, however often the pipe is made', () => {
    const lookUp = storage.getTargetValidationMetadatas;
    keepValidationRuleLookups();
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
  });
});
