import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { AppConfig } from '../config/app-config.service';
import { CATALOGS, I18nService, type MessageKey } from './i18n.service';
import { LOCALES } from './locales';

interface Argument {
  name: string;
  plural?: string[];
}

/** The arguments a message uses, with the branches of each plural. */
function argumentsOf(elements: MessageFormatElement[], out: Argument[] = []): Argument[] {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        out.push({ name: element.value });
        break;
      case TYPE.plural:
        out.push({ name: element.value, plural: Object.keys(element.options) });
        for (const option of Object.values(element.options)) argumentsOf(option.value, out);
        break;
      case TYPE.select:
        out.push({ name: element.value });
        for (const option of Object.values(element.options)) argumentsOf(option.value, out);
        break;
      case TYPE.tag:
        argumentsOf(element.children, out);
        break;
      default:
        break;
    }
  }
  return out;
}

describe('message catalogs', () => {
  const englishKeys = Object.keys(CATALOGS.en).sort();

  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(englishKeys);
  });

  it.each(LOCALES)('every %s message parses and uses the same arguments as English', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const key of englishKeys) {
      const text = CATALOGS[locale][key];
      expect(() => new IntlMessageFormat(text, locale)).not.toThrow();
      const args = argumentsOf(parse(text));
      const names = (list: Argument[]) => [...new Set(list.map((a) => a.name))].sort();
      expect({ key, args: names(args) }).toEqual({ key, args: names(argumentsOf(parse(CATALOGS.en[key]))) });
      // A plural needs a branch for every plural category of its language (Russian: one, few, many, other).
      for (const arg of args.filter((a) => a.plural)) {
        expect({ key, missing: categories.filter((c) => !arg.plural!.includes(c)) }).toEqual({ key, missing: [] });
      }
    }
  });

  it('formats plurals, dates and numbers per locale', () => {
    const i18n = new I18nService({ get: () => 'Asia/Bishkek' } as unknown as AppConfig);
    const ru = i18n.translator('ru');
    expect(ru.t('count.recommendations', { count: 1 })).toBe('1 рекомендация');
    expect(ru.t('count.recommendations', { count: 3 })).toBe('3 рекомендации');
    expect(ru.t('count.recommendations', { count: 5 })).toBe('5 рекомендаций');
    expect(ru.t('count.recommendations', { count: 21 })).toBe('21 рекомендация');
    expect(i18n.translator('en').t('count.recommendations', { count: 2 })).toBe('2 recommendations');
    expect(i18n.translator('ky').t('count.recommendations', { count: 2 })).toBe('2 сунуш');
    expect(ru.date('2024-08-13')).toBe('13 августа 2024 г.');
    expect(i18n.translator('en').date('2024-08-13')).toBe('13 August 2024');
    expect(i18n.translator('ky').date('2024-08-13')).toBe('2024-ж., 13-август');
    expect(ru.number(12345.5)).toBe('12\u00a0345,5');
    expect(i18n.translator('en').number(12345.5)).toBe('12,345.5');
  });

  it('compiles a message at its first use and keeps it; an unknown key is an error', () => {
    const ru = new I18nService({ get: () => 'Asia/Bishkek' } as unknown as AppConfig).translator('ru');
    // The parser intl-messageformat calls for every message it compiles (declared optional, hence the cast).
    const parse = jest.spyOn(IntlMessageFormat as unknown as { __parse: typeof IntlMessageFormat.__parse & object }, '__parse');
    try {
      expect(ru.t('count.recommendations', { count: 2 })).toBe('2 рекомендации');
      expect(ru.t('count.recommendations', { count: 5 })).toBe('5 рекомендаций');
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(() => ru.t('no.such.key' as MessageKey)).toThrow('No message no.such.key in ru');
    expect(() => ru.t('toString' as MessageKey)).toThrow('No message toString in ru');
  });
});
