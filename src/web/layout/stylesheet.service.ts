import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The compiled stylesheet (committed; copied next to the build by nest-cli's assets). */
const STYLESHEET_FILE = join(__dirname, '..', 'assets', 'dist', 'app.css');

/**
 * The one stylesheet, read and compressed once at start. Its URL carries a hash of its
 * content, so it can be cached for a year and a new build is fetched at once.
 */
@Injectable()
export class StylesheetService {
  readonly css: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  readonly hash: string;

  constructor() {
    this.css = readFileSync(STYLESHEET_FILE);
    this.hash = createHash('sha256').update(this.css).digest('hex').slice(0, 16);
    this.gzip = gzipSync(this.css, { level: 9 });
    this.brotli = brotliCompressSync(this.css, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  }

  get href(): string {
    return `/assets/app.${this.hash}.css`;
  }
}
