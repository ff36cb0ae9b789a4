import { RawJson, stringifyWithRawJson } from './raw-json';

describe('RawJson', () => {
  it('is written as its text, wherever it is, by stringifyWithRawJson', () => {
    const value = { data: { a: new RawJson('{"x" : 1, "y" : [1, 2]}'), list: [new RawJson('null'), 'plain', new RawJson('[]')] } };
    const json = stringifyWithRawJson(value);
    expect(json).toBe('{"data":{"a":{"x" : 1, "y" : [1, 2]},"list":[null,"plain",[]]}}');
    expect(JSON.parse(json)).toEqual({ data: { a: { x: 1, y: [1, 2] }, list: [null, 'plain', []] } });
  });

  it('is written as its parsed value by plain JSON.stringify, so that it is never written wrong', () => {
    expect(JSON.stringify({ a: new RawJson('{"x" : "y"}') })).toBe('{"a":{"x":"y"}}');
  });

  it('leaves an answer without RawJson as JSON.stringify writes it, strings that look like markers included', () => {
    const value = { text: '"\\u0000rawjson:0"', other: 'rawjson:0' };
    expect(stringifyWithRawJson(value)).toBe(JSON.stringify(value));
  });
});
