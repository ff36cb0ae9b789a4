import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The fonts registered with every report: DejaVu Sans, which covers Cyrillic (Kyrgyz and Russian). */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

let fontsDir: string | null = null;

/**
 * assets/fonts of the repository, found by walking up from this file, so the
 * same code works from src/ (ts-node, tests) and from dist/src/ (production).
 */
export function fontsDirectory(): string {
  if (fontsDir) return fontsDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, `${FONT.regular}.ttf`))) return (fontsDir = candidate);
    if (dirname(dir) === dir) throw new Error('assets/fonts/DejaVuSans.ttf not found; the PDF report needs it');
  }
}

export function fontFile(name: (typeof FONT)[keyof typeof FONT]): string {
  return join(fontsDirectory(), `${name}.ttf`);
}
