import { DomainError } from '../common/errors/domain-error';
import {
  fallbackChain,
  mergeTranslations,
  normalizeTranslations,
  pickTranslation,
  sameTranslations,
  translatedSql,
  translationChanges,
} from './translations';

describe('translations', () => {
  const FALLBACKS = ['ru', 'en', 'ky'] as const;

  it('falls back ky → ru → en, ru → en → ky, en → ru → ky with the default fallbacks', () => {
    expect(fallbackChain('ky', FALLBACKS)).toEqual(['ky', 'ru', 'en']);
    expect(fallbackChain('ru', FALLBACKS)).toEqual(['ru', 'en', 'ky']);
    expect(fallbackChain('en', FALLBACKS)).toEqual(['en', 'ru', 'ky']);
    // Locales the configuration leaves out still come last: a text in any locale is served.
    expect(fallbackChain('en', ['ky'])).toEqual(['en', 'ky', 'ru']);
  });

  it('picks the first locale of the chain that has text, and says which', () => {
    expect(pickTranslation({ en: 'Quotas', ru: 'Квоты' }, ['ky', 'ru', 'en'])).toEqual({ text: 'Квоты', locale: 'ru' });
    expect(pickTranslation({ en: 'Quotas', ky: '' }, ['ky', 'ru', 'en'])).toEqual({ text: 'Quotas', locale: 'en' });
    expect(pickTranslation(null, ['ky'])).toBeNull();
    expect(pickTranslation({}, ['ky', 'ru', 'en'])).toBeNull();
  });

  it('merges: a text replaces its locale, null or blank removes it, the others stay', () => {
    const options = { field: 'title', maxLength: 10, required: true };
    expect(mergeTranslations({ en: 'A', ru: 'Б' }, [{ locale: 'ky', text: '  Ө  ' }], options)).toEqual({ ky: 'Ө', ru: 'Б', en: 'A' });
    expect(mergeTranslations({ en: 'A', ru: 'Б' }, [{ locale: 'en', text: null }], options)).toEqual({ ru: 'Б' });
    expect(mergeTranslations({ en: 'A', ru: 'Б' }, [{ locale: 'ru', text: ' \u200b ' }], options)).toEqual({ en: 'A' });
    expect(mergeTranslations(null, [{ locale: 'ru', text: '' }], { ...options, required: false })).toBeNull();
  });

  it('refuses with BAD_USER_INPUT naming the field: no locale left on a required field, too long, a locale twice', () => {
    const options = { field: 'title', maxLength: 3, required: true };
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof DomainError ? { code: error.code, fields: error.details.fields } : error;
      }
      return 'not refused';
    };
    const expected = { code: 'BAD_USER_INPUT', fields: ['title'] };
    expect(refusal(() => mergeTranslations({ en: 'A' }, [{ locale: 'en', text: null }], options))).toEqual(expected);
    expect(refusal(() => mergeTranslations(null, [], options))).toEqual(expected);
    expect(refusal(() => mergeTranslations(null, [{ locale: 'ky', text: 'өөөө' }], options))).toEqual(expected);
    expect(
      refusal(() => mergeTranslations(null, [{ locale: 'ru', text: 'а' }, { locale: 'ru', text: 'б' }], options)),
    ).toEqual(expected);
    expect(refusal(() => translationChanges('a', [{ locale: 'ru', text: 'б' }], 'ru', 'title'))).toEqual({ code: 'BAD_USER_INPUT', fields: ['title'] });
  });

  it('writes `text` in the request locale next to the translations given', () => {
    expect(translationChanges('Квоты', [{ locale: 'en', text: 'Quotas' }], 'ru', 'title')).toEqual([
      { locale: 'en', text: 'Quotas' },
      { locale: 'ru', text: 'Квоты' },
    ]);
    expect(translationChanges(undefined, null, 'ru', 'title')).toEqual([]);
  });

  it('stores locales in a fixed order and compares translations by content', () => {
    expect(Object.keys(normalizeTranslations({ en: 'A', ky: 'Б', ru: '' })!)).toEqual(['ky', 'en']);
    expect(sameTranslations({ en: 'A', ru: 'Б' }, { ru: 'Б', en: 'A' })).toBe(true);
    expect(sameTranslations(null, {})).toBe(true);
    expect(sameTranslations({ en: 'A' }, { en: 'B' })).toBe(false);
  });

  it('builds SQL for the chain from the locale whitelist only', () => {
    expect(translatedSql('r.title', ['ky', 'ru', 'en'])).toBe("coalesce(r.title->>'ky', r.title->>'ru', r.title->>'en')");
    expect(translatedSql('r.title', ["en'; DROP TABLE x; --" as never, 'ru'])).toBe("coalesce(r.title->>'ru')");
    expect(() => translatedSql('r.title', [])).toThrow();
  });
});
