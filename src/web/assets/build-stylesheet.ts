import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as sass from 'sass';

const SOURCE = join(__dirname, 'styles.scss');
export const STYLESHEET_OUTPUT = join(__dirname, 'dist', 'app.css');

/** The stylesheet compiled from styles.scss (GOV.UK Frontend's Sass from node_modules). */
export function compileStylesheet(): string {
  const result = sass.compile(SOURCE, {
    loadPaths: [resolve(__dirname, '../../../node_modules')],
    style: 'compressed',
    // GOV.UK Frontend's own deprecation notices are for its maintainers, not ours.
    quietDeps: true,
  });
  return `${result.css}\n`;
}

if (require.main === module) {
  mkdirSync(dirname(STYLESHEET_OUTPUT), { recursive: true });
  writeFileSync(STYLESHEET_OUTPUT, compileStylesheet());
  console.log(`wrote ${STYLESHEET_OUTPUT}`);
}
