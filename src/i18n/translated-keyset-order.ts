import { isCursorKeyText } from '../common/pagination/cursor-key-text';
import type { KeysetOrder } from '../common/pagination/keyset-page';
import { LOCALES, type Locale } from './locales';
import { translatedText, type Translations } from './translations';

/**
 * A keyset order by a translated text (a name, a title) in the request's language, falling back
 * along `chain`, in `collate`'s collation, then id. Blank translations count as missing, as
 * translatedText reads them, so the SQL sort value and the cursor's key are the same text. The
 * chain is part of the list's name: a cursor of the Russian order is refused by the Kyrgyz one.
 */
export function translatedKeysetOrder<T extends { id: string }>(options: {
  list: string;
  columnSql: string;
  idSql: string;
  chain: readonly Locale[];
  collate: (sql: string) => string;
  textOf: (row: T) => Translations | null;
}): KeysetOrder<T> {
  const { chain } = options;
  const keys = chain.map((locale) => `NULLIF(${options.columnSql}->>'${LOCALES[LOCALES.indexOf(locale)]}', '')`);
  return {
    list: `${options.list}:${chain.join('>')}`,
    sql: options.collate(`COALESCE(${keys.join(', ')}, '')`),
    idSql: options.idSql,
    cast: 'varchar',
    direction: 'ASC',
    keyOf: (row) => translatedText(options.textOf(row), chain) ?? '',
    isValidKey: isCursorKeyText,
  };
}
