import { neutraliseFormula, restoreFormula } from './formula-injection';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('neutralises the ASCII formula start of %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each([
    ['full-width equals', '\uff1dHYPERLINK("http://evil")'],
    ['full-width plus', '\uff0b1'],
    ['full-width hyphen-minus', '\uff0d1'],
    ['full-width commercial at', '\uff20SUM(A1)'],
    ['small equals', '\ufe66cmd'],
    ['minus sign', '\u22121'],
    ['en dash', '\u20131'],
    ['zero-width space before =', '\u200b=1'],
    ['non-breaking space before =', '\u00a0=1'],
    ['line feed before =', '\n=1'],
  ])('neutralises a look-alike: %s', (_name, text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['plain text', 'Министерство', '12', '', 'a=b'])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('restoreFormula', () => {
  it.each(['=SUM(1,2)', '+1', '-1', '@A1', '\t=1', '\uff1d1', "'=x", "''=x", "'abc", "'", 'plain', '', "a'=b", '\u200b=1'])(
    'gives back %j from its neutralised cell',
    (text) => {
      expect(restoreFormula(neutraliseFormula(text))).toBe(text);
    },
  );

  it('neutralises text that already starts with an apostrophe and a formula once more', () => {
    expect(neutraliseFormula("'=x")).toBe("''=x");
    expect(neutraliseFormula("'abc")).toBe("'abc");
  });

  it('leaves a cell neutraliseFormula could not have written as it is', () => {
    expect(restoreFormula("'abc")).toBe("'abc");
    expect(restoreFormula("'12")).toBe("'12");
  });
});
