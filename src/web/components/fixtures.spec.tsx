import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { raw, SafeHtml } from '../jsx/html';
import { BackLink } from './back-link';
import { Button } from './button';
import { Checkboxes } from './checkboxes';
import { Details } from './details';
import { ErrorMessage } from './error-message';
import { ErrorSummary } from './error-summary';
import { Fieldset } from './fieldset';
import { Hint } from './hint';
import { Input } from './input';
import { Label } from './label';
import { NotificationBanner } from './notification-banner';
import { Pagination } from './pagination';
import { Panel } from './panel';
import { Radios } from './radios';
import { Select } from './select';
import { SummaryList } from './summary-list';
import { Table } from './table';
import { Tag } from './tag';
import { Textarea } from './textarea';
import { WarningText } from './warning-text';

/*
 * Every component of the kit against govuk-frontend's own fixtures (the examples its Nunjucks
 * macros are tested with): each fixture's options rendered by the component, compared with the
 * fixture's HTML after normalising (whitespace, attribute and class order, entities). A fixture
 * that uses a parameter the kit does not offer (none of the pages needs it) is listed as skipped
 * with the parameter named.
 */

interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}

type Component = (params: never) => SafeHtml;

/** The kit's components by govuk-frontend's component folder, with the parameters each does not offer. */
const KIT: Record<string, { component: Component; unsupported: string[] }> = {
  'back-link': { component: BackLink, unsupported: [] },
  button: { component: Button, unsupported: ['element'] },
  checkboxes: { component: Checkboxes, unsupported: ['formGroup.beforeInputs', 'formGroup.afterInputs'] },
  details: { component: Details, unsupported: [] },
  'error-message': { component: ErrorMessage, unsupported: [] },
  'error-summary': { component: ErrorSummary, unsupported: [] },
  fieldset: { component: Fieldset, unsupported: [] },
  hint: { component: Hint, unsupported: [] },
  input: { component: Input, unsupported: ['prefix', 'suffix', 'formGroup.beforeInput', 'formGroup.afterInput', 'inputWrapper'] },
  label: { component: Label, unsupported: [] },
  'notification-banner': { component: NotificationBanner, unsupported: [] },
  pagination: { component: Pagination, unsupported: [] },
  panel: { component: Panel, unsupported: ['actions'] },
  radios: { component: Radios, unsupported: ['formGroup.beforeInputs', 'formGroup.afterInputs'] },
  select: { component: Select, unsupported: ['formGroup.beforeInput', 'formGroup.afterInput'] },
  'summary-list': { component: SummaryList, unsupported: ['card'] },
  table: { component: Table, unsupported: [] },
  tag: { component: Tag, unsupported: [] },
  textarea: { component: Textarea, unsupported: ['formGroup.beforeInput', 'formGroup.afterInput'] },
  'warning-text': { component: WarningText, unsupported: [] },
};

const COMPONENTS_DIR = join(__dirname, '../../../node_modules/govuk-frontend/dist/govuk/components');

function fixturesOf(name: string): Fixture[] {
  return (JSON.parse(readFileSync(join(COMPONENTS_DIR, name, 'fixtures.json'), 'utf8')) as { fixtures: Fixture[] }).fixtures;
}

/** Why the kit cannot render these options as the macro does, or null when it can. */
function unsupportedIn(options: Record<string, unknown>, unsupported: string[]): string | null {
  for (const path of unsupported) {
    const value = path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), options);
    if (value !== undefined && value !== null && value !== false) return `uses \`${path}\`, which no page needs`;
  }
  const walk = (value: unknown, path: string): string | null => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const found = walk(item, `${path}[${i}]`);
        if (found) return found;
      }
      return null;
    }
    if (!value || typeof value !== 'object') return null;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'attributes' && child && typeof child === 'object') {
        for (const [name, attribute] of Object.entries(child as Record<string, unknown>)) {
          if (attribute !== null && typeof attribute === 'object') return `gives attribute \`${name}\` as {value, optional}, which the kit's attributes do not take`;
        }
      }
      const found = walk(child, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  };
  return walk(options, 'params');
}

/** The fixture's options as TSX props: `html` (and `…Html`) strings become trusted markup. */
function propsOf(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && (key === 'html' || key.endsWith('Html'))) return raw(value);
  if (Array.isArray(value)) return value.map((item) => propsOf(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, propsOf(v, k)]));
  }
  return value;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ctdot: '\u22ef' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/**
 * HTML as a list of tokens that ignores what does not change the document: whitespace between
 * and around text, the order of attributes and of class names, how characters are escaped,
 * `<x/>` against `<x></x>`.
 */
export function normaliseHtml(html: string): string[] {
  const tokens: string[] = [];
  const pattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+/g;
  for (const match of html.matchAll(pattern)) {
    const [whole, closing, tag, attributeText, selfClosing] = match;
    if (whole.startsWith('<!--')) continue;
    if (!tag) {
      const text = decode(whole).replace(/\s+/g, ' ').trim();
      if (text) tokens.push(`#${text}`);
      continue;
    }
    if (closing) {
      tokens.push(`</${tag.toLowerCase()}>`);
      continue;
    }
    const attributes: string[] = [];
    for (const a of (attributeText ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = a[1].toLowerCase();
      let value = decode(a[2] ?? a[3] ?? a[4] ?? '');
      if (name === 'class') value = value.split(/\s+/).filter(Boolean).sort().join(' ');
      attributes.push(`${name}="${value.replace(/\s+/g, ' ').trim()}"`);
    }
    tokens.push(`<${tag.toLowerCase()}${attributes.sort().map((a) => ` ${a}`).join('')}>`);
    if (selfClosing) tokens.push(`</${tag.toLowerCase()}>`);
  }
  return tokens;
}

describe('normaliseHtml', () => {
  it('ignores whitespace, attribute and class order and escaping, and nothing else', () => {
    expect(normaliseHtml('<p class="b a"  id="x">\n  A &amp; B\n</p>')).toEqual(normaliseHtml('<p id="x" class="a b">A &#38; B</p>'));
    expect(normaliseHtml('<p class="a">A</p>')).not.toEqual(normaliseHtml('<p class="a b">A</p>'));
    expect(normaliseHtml('<p>A B</p>')).not.toEqual(normaliseHtml('<p>AB</p>'));
    expect(normaliseHtml('<input checked>')).not.toEqual(normaliseHtml('<input>'));
  });
});

const compared: string[] = [];

describe.each(Object.keys(KIT))('%s against govuk-frontend fixtures', (name) => {
  const { component, unsupported } = KIT[name];
  for (const fixture of fixturesOf(name)) {
    const reason = unsupportedIn(fixture.options, unsupported);
    if (reason) {
      it.skip(`${fixture.name} (skipped: ${reason})`, () => undefined);
      continue;
    }
    it(fixture.name, () => {
      compared.push(`${name}/${fixture.name}`);
      const rendered = (component as (params: unknown) => SafeHtml)(propsOf(fixture.options)).html;
      expect(normaliseHtml(rendered)).toEqual(normaliseHtml(fixture.html));
    });
  }
});

afterAll(() => {
  // Most fixtures are compared: a kit that silently skipped its way to green would fail here.
  expect(compared.length).toBeGreaterThan(300);
});
