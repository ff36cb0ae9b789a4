/**
 * Spreadsheets evaluate a CSV cell that starts with one of these as a formula
 * (OWASP "CSV injection"): `=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`, and tab
 * or carriage return, which some programs skip before looking for the others.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe makes the spreadsheet read the cell as text; the data is otherwise unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
