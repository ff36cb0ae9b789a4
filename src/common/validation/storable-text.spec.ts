import { depthExceeds } from './body-depth.middleware';
import { cleanText, findUnstorableText, isStorableText } from './storable-text';

describe('storable text', () => {
  it.each([
    ['abc', true],
    ['Кыргызстан 🇰🇬', true],
    ['a\u0000b', false],
    ['a\ud800b', false],
    ['\udc00', false],
    ['\ud83d\ude00', true],
  ])('%j storable: %s', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('names the path of the first unstorable string', () => {
    expect(findUnstorableText({ title: 'ok', participants: [{ role: 'x' }, { note: 'a\u0000' }] }, 'input')).toBe('input.participants.1.note');
    expect(findUnstorableText('x\ud800', 'search')).toBe('search');
    expect(findUnstorableText({ a: 1, b: [true, null, 'fine'] }, '')).toBeNull();
    expect(findUnstorableText(Object.assign(Object.create(null) as object, { q: 'a\u0000' }), 'args')).toBe('args.q');
  });

  it('walks only arrays and plain objects, not what is not parsed input (an upload and its bytes)', () => {
    class UploadedFile {
      originalname = 'a\u0000.xlsx';
      buffer = Buffer.from('a\u0000');
    }
    expect(findUnstorableText({ file: new UploadedFile() }, '')).toBeNull();
  });

  it('cleans edges, invisible characters included, and normalises to NFC', () => {
    expect(cleanText('\u200b  Министерство\u00a0\ufeff')).toBe('Министерство');
    expect(cleanText('\u200b\u200d\u2060 ')).toBe('');
    expect(cleanText('e\u0301')).toBe('\u00e9');
    expect(cleanText('a\u200bb')).toBe('a\u200bb');
  });
});

describe('depthExceeds', () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it('counts objects and arrays alike, without recursion', () => {
    expect(depthExceeds(nested(32), 32)).toBe(false);
    expect(depthExceeds(nested(33), 32)).toBe(true);
    expect(depthExceeds(nested(100_000), 32)).toBe(true);
    expect(depthExceeds('text', 0)).toBe(false);
  });
});
