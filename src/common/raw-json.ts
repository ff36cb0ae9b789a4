/**
 * JSON text written elsewhere (by PostgreSQL: the page assembler's relations), placed in an
 * answer as it is. Parsing it into objects only to serialise them again was most of what a page's
 * nested lists cost (docs/benchmarks.md); stringifyWithRawJson splices the text in instead.
 * Anything else that serialises it (JSON.stringify in a log line) gets its parsed value, so it is
 * never written wrong, only slower.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    if (!splices) return JSON.parse(this.text);
    splices.push(this.text);
    return `${MARKER}${splices.length - 1}`;
  }
}

// The texts met by the stringifyWithRawJson call in progress (JSON.stringify calls toJSON synchronously).
let splices: string[] | null = null;
// A NUL starts it: no text read from PostgreSQL (which cannot store NUL) can look like it.
const MARKER = '\u0000rawjson:';
const MARKED = /"\\u0000rawjson:(\d+)"/g;

/** JSON.stringify(value), with every RawJson in it written as its text. */
export function stringifyWithRawJson(value: unknown): string {
  const outer = splices;
  const texts: string[] = (splices = []);
  try {
    const json = JSON.stringify(value);
    return texts.length ? json.replace(MARKED, (_, index: string) => texts[Number(index)]) : json;
  } finally {
    splices = outer;
  }
}
