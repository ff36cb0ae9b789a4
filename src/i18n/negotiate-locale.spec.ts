import { negotiateLocale } from './negotiate-locale';

describe('negotiateLocale', () => {
  it('prefers the URL, then the cookie, then Accept-Language by q-value, then the default', () => {
    expect(negotiateLocale({ query: 'ky', cookie: 'en', acceptLanguage: 'ru' }, 'ru')).toBe('ky');
    expect(negotiateLocale({ query: 'xx', cookie: 'en', acceptLanguage: 'ru' }, 'ru')).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'de;q=1, en;q=0.5, ky-KG;q=0.9' }, 'ru')).toBe('ky');
    expect(negotiateLocale({ acceptLanguage: 'ru-RU,ru;q=0.9,en-US;q=0.8' }, 'en')).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'de, fr;q=0.5' }, 'ru')).toBe('ru');
    expect(negotiateLocale({ query: ['ky', 'en'], cookie: 42 }, 'en')).toBe('en');
  });
});
