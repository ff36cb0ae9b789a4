import { CsvOptions } from '../tabular/csv-options';
import { ExportColumn } from '../tabular/export-column';
import { FORMULA_START_PATTERN } from '../../common/tabular/formula-injection';
import { orderedSql } from '../../database/sql/ordering';
import { ExportQuery } from '../../database/sql/query';

/**
 * A text cell that starts a formula (formula-injection.ts). ascii() of the first
 * character compared as integers is the cheapest test: = + - @ tab LF CR always
 * start one; any other printable ASCII character but the apostrophe never does; only
 * the rest (apostrophes, blanks, controls, non-ASCII look-alikes) go through the shared
 * regular expression.
 */
function startsFormula(text: string): string {
  return `(ascii(${text}) IN (61, 43, 45, 64, 9, 10, 13) OR ((ascii(${text}) < 33 OR ascii(${text}) > 126 OR ascii(${text}) = 39) AND ${text} ~ '${FORMULA_START_PATTERN}'))`;
}

/**
 * One column as the CSV writer would write it, computed by PostgreSQL: text
 * neutralised with a leading apostrophe (unless formulaEscape is off), empty
 * text as NULL (COPY would quote an empty string; the writer leaves the field
 * empty; ascii('') is 0), booleans as true/false, numbers, dates and timestamps
 * in PostgreSQL's text form (what the cursor receives too), with a decimal comma when asked.
 */
function columnSql(column: ExportColumn, options: CsvOptions): string {
  const name = `export_rows."${column.key}"`;
  switch (column.type) {
    case 'text':
      return options.formulaEscape
        ? `CASE WHEN ${startsFormula(`${name}::text`)} THEN '''' || ${name} WHEN ${name}::text <> '' THEN ${name}::text END`
        : `NULLIF(${name}::text, '')`;
    case 'boolean':
      return `CASE WHEN ${name} THEN 'true' WHEN NOT ${name} THEN 'false' END`;
    case 'number':
    case 'percent':
      return options.decimal === ',' ? `replace(${name}::text, '.', ',')` : name;
    case 'date':
    case 'timestamp':
      return name;
  }
}

/**
 * `COPY (…) TO STDOUT WITH (FORMAT csv)` of an export's rows in order, its
 * columns formatted like the CSV writer's: PostgreSQL writes the CSV itself,
 * quoting by the same RFC 4180 rule, at the speed of COPY. `inline` writes the
 * parameters into the SQL (COPY takes no bind parameters).
 */
export function copyCsvSql(query: ExportQuery, columns: readonly ExportColumn[], options: CsvOptions, inline: (sql: string) => string): string {
  // Formatting over the ordered rows as a subquery of its own (its ORDER BY keeps PostgreSQL from
  // pulling it up): each column is then computed once per row. Formatting in the ordered SELECT
  // itself re-evaluated a computed column at every mention (a text column is named up to seven
  // times below): the breakdown cells' member codes, three subqueries each, ran 6× COPY's time.
  // A projection over a sorted subquery keeps its order.
  const select = `SELECT ${columns.map((c) => columnSql(c, options)).join(', ')} FROM (${orderedSql(query)}) AS export_rows`;
  const delimiter = options.delimiter === ',' ? '' : `, DELIMITER '${options.delimiter}'`;
  return `COPY (${inline(select)}) TO STDOUT WITH (FORMAT csv${delimiter})`;
}
