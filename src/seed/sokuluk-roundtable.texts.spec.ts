import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { LOCALES } from '../i18n/locales';
import { SAMPLE_TEXTS, type SampleText } from './sokuluk-roundtable.texts';

/** Every text with its path in SAMPLE_TEXTS, e.g. ['meeting.title', {...}]. */
function textsOf(group: object, prefix = ''): [string, SampleText][] {
  return Object.entries(group).flatMap(([key, value]: [string, object]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return 'en' in value ? [[path, value as SampleText]] : textsOf(value, path);
  });
}

/**
 * The string constants a TypeScript source spells out: each string literal, and each
 * concatenation of literals with `+` (the seed splits long texts over several lines).
 */
function stringConstantsOf(fileName: string, source: string): Set<string> {
  const found = new Set<string>();
  const valueOf = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return valueOf(node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = valueOf(node.left);
      const right = valueOf(node.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    const value = valueOf(node);
    if (value !== undefined) found.add(value);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false));
  return found;
}

const TEXTS = textsOf(SAMPLE_TEXTS);
const RUSSIAN_LETTERS = new Set('абвгдеёжзийклмнопрстуфхцчшщъыьэюя');
const KYRGYZ_ONLY_LETTERS = new Set('өүң');
const KYRGYZ_LETTERS = new Set([...RUSSIAN_LETTERS, ...KYRGYZ_ONLY_LETTERS]);
/** Letters outside the alphabet, Latin lookalikes (o with diaeresis for ө, …) included. */
const lettersOutside = (text: string, alphabet: Set<string>) =>
  [...text.toLowerCase().matchAll(/\p{L}/gu)].map(([letter]) => letter).filter((letter) => !alphabet.has(letter));

describe('the Sokuluk sample texts', () => {
  it('covers the texts of the seed', () => {
    expect(TEXTS.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'organizations.parliament.name',
        'people.raimbachaeva.position',
        'meeting.summary',
        'meeting.sourceNote',
        'barriers.money.description',
        'plan.approvedBy',
        'indicators.WL-3.name',
        'illustrativeSource',
        'illustrativeNote',
        'proposedNote',
        'proposals.SOK-2024-03.description',
      ]),
    );
    expect(TEXTS).toHaveLength(33);
  });

  it.each(TEXTS)('%s has ky, ru and en, none blank or padded', (_path, text) => {
    expect(Object.keys(text).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect(text[locale].trim()).not.toBe('');
      expect(text[locale]).toBe(text[locale].trim());
      expect(text[locale]).not.toMatch(/\s{2}/);
    }
  });

  // No text holds a code or an abbreviation in Latin letters, so none is allowed, but for the one real
  // figure's source: its database's own name (IPU Parline) and its address.
  const withoutSourceNames = (text: string) => text.replace(/https:\/\/\S+/g, '').replace(/IPU Parline/g, '');
  it.each(TEXTS)('%s is written in Cyrillic: Russian letters in ru, Kyrgyz letters in ky', (_path, text) => {
    expect(text.ru).toMatch(/\p{Script=Cyrillic}/u);
    expect(text.ky).toMatch(/\p{Script=Cyrillic}/u);
    expect(lettersOutside(withoutSourceNames(text.ru), RUSSIAN_LETTERS)).toEqual([]);
    expect(lettersOutside(withoutSourceNames(text.ky), KYRGYZ_LETTERS)).toEqual([]);
  });

  it('cites the real figure’s source, the IPU Parline database, in every language', () => {
    for (const locale of LOCALES) {
      expect(SAMPLE_TEXTS.parlineSource[locale]).toContain('IPU Parline');
      expect(SAMPLE_TEXTS.parlineSource[locale]).toContain('https://data.ipu.org/parliament/KG/KG-LC01/');
      for (const figure of [/\b19/, /\b90\b/, /21[.,]1 %/]) expect(SAMPLE_TEXTS.parlineNote[locale]).toMatch(figure);
    }
  });

  it('has Kyrgyz texts that use the letters ө, ү and ң', () => {
    const kyrgyz = TEXTS.map(([, text]) => text.ky).join(' ').toLowerCase();
    for (const letter of KYRGYZ_ONLY_LETTERS) expect(kyrgyz).toContain(letter);
  });

  it('has a Kyrgyz text of its own wherever the words differ from the Russian', () => {
    // A place name is the same word in both languages.
    const sameInBoth = TEXTS.filter(([, text]) => text.ky === text.ru).map(([path]) => path);
    expect(sameInBoth).toEqual(['meeting.settlement']);
  });

  it('keeps the illustrative figures marked as such in every language', () => {
    const illustrative = TEXTS.filter(([, text]) => /illustrative/i.test(text.en));
    expect(illustrative.map(([path]) => path)).toEqual([
      'indicators.WL-1.name',
      'indicators.WL-2.name',
      'indicators.WL-3.name',
      'illustrativeSource',
    ]);
    // The values' note calls them "sample" values in English; it is marked all the same.
    for (const text of [...illustrative.map(([, text]) => text), SAMPLE_TEXTS.illustrativeNote]) {
      expect(text.ru).toMatch(/условн/i);
      expect(text.ky).toMatch(/шарттуу/i);
    }
  });

  it('says in every language that the Russian and Kyrgyz texts are translations', () => {
    const { sourceNote } = SAMPLE_TEXTS.meeting;
    expect(sourceNote.en).toContain('translations');
    expect(sourceNote.ru).toContain('переводы');
    expect(sourceNote.ky).toContain('котормолор');
  });

  describe('the seed loads these texts', () => {
    const seedFile = join(__dirname, 'sokuluk-roundtable.seed.ts');
    const seedStrings = stringConstantsOf(seedFile, readFileSync(seedFile, 'utf8'));

    // One source: the seed spells out none of the texts itself (it finds earlier loads by their English).
    it.each(TEXTS)('%s is not repeated in the seed', (_path, text) => {
      for (const locale of LOCALES) expect(seedStrings).not.toContain(text[locale]);
    });
  });
});
