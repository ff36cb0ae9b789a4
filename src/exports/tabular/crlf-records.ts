const LF = 0x0a;
const QUOTE = 0x22;
const CRLF = Buffer.from('\r\n');

/**
 * PostgreSQL's CSV ends records with LF; RFC 4180 (and the CSV writer) with
 * CRLF. Converts the record ends only: a line break inside a quoted field stays
 * as it is, so the quoting state is carried from one chunk to the next. (A
 * doubled quote inside a field toggles the state twice, leaving it unchanged.)
 * Searches with Buffer.indexOf, which is much faster than a loop over bytes.
 */
export class CrlfRecords {
  private quoted = false;
  /** Record ends seen so far: the number of records. */
  records = 0;

  convert(chunk: Buffer): Buffer {
    const parts: Buffer[] = [];
    let start = 0;
    let at = 0;
    let nextQuote = chunk.indexOf(QUOTE, 0);
    while (at < chunk.length) {
      if (this.quoted) {
        if (nextQuote === -1) break;
        this.quoted = false;
        at = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, at);
        continue;
      }
      const lineEnd = chunk.indexOf(LF, at);
      if (nextQuote !== -1 && (lineEnd === -1 || nextQuote < lineEnd)) {
        this.quoted = true;
        at = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (lineEnd === -1) break;
      parts.push(chunk.subarray(start, lineEnd), CRLF);
      this.records += 1;
      start = at = lineEnd + 1;
    }
    if (start === 0) return chunk;
    parts.push(chunk.subarray(start));
    return Buffer.concat(parts);
  }
}
