/**
 * The text of an uncompressed PDF written by pdfkit (the report renders with
 * `compress: false` under NODE_ENV=test), without any PDF tool: pdfkit writes
 * text as glyph ids of embedded fonts, so each font's ToUnicode map turns them
 * back into characters. One line per text operation, pages in order.
 */

type ObjectTable = Map<string, string>;

function objectsOf(pdf: string): ObjectTable {
  const objects: ObjectTable = new Map();
  for (const m of pdf.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
  return objects;
}

function streamOf(body: string | undefined): string {
  return /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body ?? '')?.[1] ?? '';
}

/** UTF-16BE hex, as a ToUnicode map writes it, to a string. */
function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const start = parseInt(from, 16);
    // A ligature maps to several UTF-16 units, written space-separated (<0066 0069> for "fi").
    [...list.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, hex], i) => map.set(start + i, utf16(hex.replace(/\s+/g, ''))));
  }
  return map;
}

interface FontInfo {
  glyphs: Map<number, string>;
  /** The embedded font's name without its subset tag: DejaVuSans or DejaVuSans-Bold. */
  baseFont: string;
}

function fontMaps(objects: ObjectTable): Map<string, FontInfo> {
  const fonts = new Map<string, FontInfo>();
  for (const body of objects.values()) {
    const dict = /\/Font\s*<<([\s\S]*?)>>/.exec(body);
    if (!dict) continue;
    for (const [, name, ref] of dict[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      if (fonts.has(name)) continue;
      const toUnicode = /\/ToUnicode\s+(\d+) 0 R/.exec(objects.get(ref) ?? '');
      const baseFont = /\/BaseFont\s*\/(?:[A-Z]{6}\+)?([\w-]+)/.exec(objects.get(ref) ?? '')?.[1] ?? '';
      fonts.set(name, { glyphs: toUnicode ? toUnicodeMap(streamOf(objects.get(toUnicode[1]))) : new Map(), baseFont });
    }
  }
  return fonts;
}

export interface PdfContent {
  pages: number;
  /** Text per page, one line per text-showing operation. */
  pageTexts: string[];
  /** Per page, the font of each of those lines (DejaVuSans, DejaVuSans-Bold). */
  pageFonts: string[][];
}

export function readPdf(buffer: Buffer): PdfContent {
  const pdf = buffer.toString('latin1');
  const objects = objectsOf(pdf);
  const fonts = fontMaps(objects);
  const pagesObject = [...objects.values()].find((body) => /\/Type \/Pages/.test(body)) ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObject)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => m[1]);
  const pageFonts: string[][] = [];
  const pageTexts = kids.map((kid) => {
    const contents = /\/Contents (\d+) 0 R/.exec(objects.get(kid) ?? '')?.[1];
    // pdfkit streams are written as latin1 bytes; re-read them as such.
    const content = streamOf(contents ? objects.get(contents) : undefined);
    let font: FontInfo = { glyphs: new Map(), baseFont: '' };
    const lines: string[] = [];
    const lineFonts: string[] = [];
    for (const [, fontName, array] of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\] TJ/g)) {
      if (fontName) {
        font = fonts.get(fontName) ?? { glyphs: new Map(), baseFont: '' };
        continue;
      }
      const glyphs = [...array.matchAll(/<([0-9a-fA-F]*)>/g)].flatMap(([, hex]) => hex.match(/.{4}/g) ?? []);
      lines.push(glyphs.map((g) => font.glyphs.get(parseInt(g, 16)) ?? '').join(''));
      lineFonts.push(font.baseFont);
    }
    pageFonts.push(lineFonts);
    return lines.join('\n');
  });
  return { pages: Number(/\/Count (\d+)/.exec(pagesObject)?.[1] ?? 0), pageTexts, pageFonts };
}
