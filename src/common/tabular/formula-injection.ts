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
 * (`\uXXXX` and `\x27` escapes), so the CSV writer and COPY (copy-csv.sql.ts)
 * neutralise exactly the same cells. Apostrophes in front count too: text that
 * already starts with `'=` gets one more (`''=`), so that an import can take the
 * added apostrophe off again without ever taking one the text had (restoreFormula).
 */
export const FORMULA_START_PATTERN = `^\\x27*[${TRIMMED}]*[${STARTS}]|^\\x27*[\\t\\r\\n]`;
export const FORMULA_START = new RegExp(FORMULA_START_PATTERN);

/** A leading apostrophe makes the spreadsheet read the cell as text; the data is otherwise unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text a CSV export's cell was made from: neutraliseFormula undone, so that an
 * exported file imported back stores what was exported (`'=SUM(1,2)` → `=SUM(1,2)`,
 * `''=x` → `'=x`). A cell that neutraliseFormula could not have written (`'abc`) is
 * left as it is, apostrophe included.
 */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
