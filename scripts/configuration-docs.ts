import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * docs/configuration.md, generated from src/config/environment.ts (the one place the
 * variables, their defaults, their limits and their meaning are written), so the
 * documentation cannot drift: a unit test (configuration-docs.spec.ts) fails when the
 * committed file differs from what this writes.
 *   npm run docs:configuration   # rewrite docs/configuration.md
 */
const ROOT = join(__dirname, '..');
export const ENVIRONMENT_FILE = join(ROOT, 'src', 'config', 'environment.ts');
export const CONFIGURATION_DOC = join(ROOT, 'docs', 'configuration.md');

interface Variable {
  name: string;
  defaultValue: string;
  limits: string;
  meaning: string;
}

const HEADER = `# Configuration

<!-- Generated from src/config/environment.ts by \`npm run docs:configuration\`; do not edit by hand. -->

The service reads these variables from the environment. When started from
the repository, it also reads them from a \`.env\` file in the working directory
(a real environment variable wins). See [\`.env.example\`](../.env.example). A bad
value stops the process at boot with a message that names the variable. The
TypeORM CLI scripts and \`npm run seed\` read the same \`.env\`. Tests ignore it.
Booleans accept \`true\`/\`false\`/\`1\`/\`0\`.

| variable | default | accepted | meaning |
|---|---|---|---|
`;

/** The first paragraph of a property's JSDoc, on one line; and its @default tag, if any. */
function documentation(node: ts.Node, source: ts.SourceFile): { meaning: string; defaultTag?: string } {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const doc = docs[docs.length - 1];
  if (!doc) return { meaning: '' };
  const comment = typeof doc.comment === 'string' ? doc.comment : (ts.getTextOfJSDocComment(doc.comment) ?? '');
  const meaning = comment.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  const tag = doc.tags?.find((t) => t.tagName.getText(source) === 'default');
  const defaultTag = tag ? (typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment))?.trim() : undefined;
  return { meaning, defaultTag };
}

/** A sum of products of integers as written in the class (5 * 1024 * 1024, 10_000_000). */
function arithmetic(text: string): number {
  return text
    .replace(/[_()\s]/g, '')
    .split('+')
    .reduce((sum, term) => sum + term.split('*').reduce((product, factor) => product * Number(factor), 1), 0);
}

/** A default as written in the class (numbers computed: 5 * 1024 * 1024 is 5242880). */
function defaultOf(initializer: ts.Expression | undefined, source: ts.SourceFile): string {
  if (!initializer) return 'unset';
  const text = initializer.getText(source);
  if (ts.isStringLiteral(initializer)) return initializer.text === '' ? 'empty' : `\`${initializer.text}\``;
  if (ts.isArrayLiteralExpression(initializer)) return `\`${initializer.elements.map((e) => (ts.isStringLiteral(e) ? e.text : e.getText(source))).join(',')}\``;
  if (/^[\d_\s*+()]+$/.test(text)) return `\`${arithmetic(text)}\``;
  return `\`${text}\``;
}

/** What validation accepts, from the decorators: a list of values, a range, a pattern's message. */
function limitsOf(node: ts.PropertyDeclaration, source: ts.SourceFile): string {
  const found: string[] = [];
  let min: string | undefined;
  let max: string | undefined;
  for (const decorator of ts.getDecorators(node) ?? []) {
    if (!ts.isCallExpression(decorator.expression)) continue;
    const name = decorator.expression.expression.getText(source);
    const [first] = decorator.expression.arguments;
    const value = first ? first.getText(source) : '';
    const number = () => String(arithmetic(value));
    if (name === 'Min') min = number();
    else if (name === 'Max') max = number();
    else if (name === 'IsIn') found.push(LISTS[value] ?? value);
    else if (name === 'IsBoolean') found.push('true, false');
  }
  if (min !== undefined || max !== undefined) found.push(`${min ?? '…'}–${max ?? '…'}`);
  return found.join('; ');
}

/** The lists IsIn names, as their values. */
const LISTS: Record<string, string> = {
  NODE_ENVS: 'development, production, test',
  LOG_LEVELS: 'fatal, error, warn, info, debug, trace, silent',
  GRAPHQL_EXECUTIONS: 'compiled, interpreted',
  LOCALES: 'ky, ru, en',
};

export function variables(file: string = ENVIRONMENT_FILE): Variable[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Variable[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== 'Environment') return;
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member)) continue;
      const { meaning, defaultTag } = documentation(member, source);
      if (!meaning) throw new Error(`${member.name.getText(source)} in environment.ts has no JSDoc: say what it means there`);
      found.push({
        name: member.name.getText(source),
        defaultValue: defaultTag ? `\`${defaultTag}\`` : defaultOf(member.initializer, source),
        limits: limitsOf(member, source),
        meaning,
      });
    }
  });
  return found;
}

export function configurationMarkdown(file: string = ENVIRONMENT_FILE): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = variables(file).map((v) => `| \`${v.name}\` | ${v.defaultValue} | ${cell(v.limits)} | ${cell(v.meaning)} |`);
  return `${HEADER}${rows.join('\n')}\n`;
}

if (require.main === module) {
  writeFileSync(CONFIGURATION_DOC, configurationMarkdown());
  console.log(`wrote ${CONFIGURATION_DOC}`);
}
