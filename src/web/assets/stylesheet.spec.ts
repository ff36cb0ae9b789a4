import { readFileSync } from 'node:fs';
import { compileStylesheet, STYLESHEET_OUTPUT } from './build-stylesheet';

describe('the committed stylesheet', () => {
  const committed = readFileSync(STYLESHEET_OUTPUT, 'utf8');

  it('is the compilation of styles.scss (run `npm run build:css` and commit dist/app.css)', () => {
    expect(committed === compileStylesheet()).toBe(true);
  });

  it('has no GOV.UK font and loads no font files', () => {
    expect(committed).not.toMatch(/GDS Transport|@font-face/);
  });
});
