import { CrlfRecords } from './crlf-records';

function convert(chunks: string[]): string {
  const crlf = new CrlfRecords();
  return chunks.map((chunk) => crlf.convert(Buffer.from(chunk)).toString()).join('');
}

describe('CrlfRecords', () => {
  it('ends records with CRLF and leaves line breaks inside quoted fields alone', () => {
    expect(convert(['a,b\n"x\ny",z\n'])).toBe('a,b\r\n"x\ny",z\r\n');
  });

  it('carries the quoting state across chunks, doubled quotes included', () => {
    expect(convert(['a,"he said ""hi', '""\nthere"\n', 'b\n'])).toBe('a,"he said ""hi""\nthere"\r\nb\r\n');
    expect(convert(['"', '\n', '"\n'])).toBe('"\n"\r\n');
  });

  it('returns a chunk without record ends as it is', () => {
    const chunk = Buffer.from('no line end');
    expect(new CrlfRecords().convert(chunk)).toBe(chunk);
  });
});
