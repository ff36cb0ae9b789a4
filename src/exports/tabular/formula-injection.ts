/**
 * Spreadsheets evaluate a CSV cell that starts with one of these as a formula
 * (OWASP "CSV injection"): `=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`, and tab
 * or carriage return, which some programs skip before looking for the others.
 * Also their Unicode look-alikes, which some spreadsheets and locales (East Asian
 * IMEs type full-width ones) fold to ASCII when they parse a cell: full-width
 * ＝＋－＠, the small forms ﹦﹢﹣﹫, super/subscript ⁺⁼₊₌, the minus sign and dashes;
 * and any of them behind blanks or invisible characters some programs trim.
 */
const TRIMMED = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u180E\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF';
const STARTS = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B\\u207A\\u207C\\u208A\\u208C\\u2212\\u2010-\\u2015';

/**
 * The pattern in the syntax JavaScript and PostgreSQL's regular expressions share
 * (`\uXXXX` escapes inside brackets), so the CSV writer and COPY (copy-csv.sql.ts)
 * neutralise exactly the same cells.
 */
export const FORMULA_START_PATTERN = `^[${TRIMMED}]*[${STARTS}]|^[\\t\\r\\n]`;
export const FORMULA_START = new RegExp(FORMULA_START_PATTERN);

/** A leading apostrophe makes the spreadsheet read the cell as text; the data is otherwise unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
