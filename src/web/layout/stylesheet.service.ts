import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The compiled stylesheet (committed; copied next to the build by nest-cli's assets). */
const STYLESHEET_FILE = join(__dirname, '..', 'assets', 'dist', 'app.css');

export type StylesheetEncoding = 'br' | 'gzip' | 'identity';

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/**
 * The one stylesheet, read at start and compressed once per encoding when first asked for
 * (off the event loop, in zlib's thread pool: brotli at quality 11 takes a quarter of a second,
 * which every start, and every test's, would otherwise pay). Its URL carries a hash of its
 * content, so it can be cached for a year and a new build is fetched at once.
 */
@Injectable()
export class StylesheetService {
  readonly css: Buffer;
  readonly hash: string;
  private readonly compressed = new Map<Exclude<StylesheetEncoding, 'identity'>, Promise<Buffer>>();

  constructor() {
    this.css = readFileSync(STYLESHEET_FILE);
    this.hash = createHash('sha256').update(this.css).digest('hex').slice(0, 16);
  }

  /** The stylesheet's bytes in `encoding`. */
  body(encoding: StylesheetEncoding): Promise<Buffer> {
    if (encoding === 'identity') return Promise.resolve(this.css);
    let body = this.compressed.get(encoding);
    if (!body) {
      body = encoding === 'br' ? compressBrotli(this.css, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : compressGzip(this.css, { level: 9 });
      this.compressed.set(encoding, body);
    }
    return body;
  }

  get href(): string {
    return `/assets/app.${this.hash}.css`;
  }
}
