import { readFileSync } from 'node:fs';
import { CONFIGURATION_DOC, configurationMarkdown, variables } from './configuration-docs';

describe('docs/configuration.md', () => {
  it('is what npm run docs:configuration writes from src/config/environment.ts (run it after changing a variable)', () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(configurationMarkdown());
  });

  it('lists every variable of .env.example', () => {
    const documented = new Set(variables().map((v) => v.name));
    const example = readFileSync(`${__dirname}/../.env.example`, 'utf8').match(/^#?\s*([A-Z][A-Z0-9_]+)=/gm) ?? [];
    for (const line of example) expect(documented).toContain(line.replace(/^#?\s*/, '').replace('=', ''));
  });
});
