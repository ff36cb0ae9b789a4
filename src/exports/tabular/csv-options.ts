/**
 * How a CSV is written. The defaults are RFC 4180 as most tools read it; `;` and
 * `,` as decimal separator are what Excel expects in Russian or Kyrgyz regional
 * settings; formulaEscape=false leaves text exactly as stored, for R, pandas and
 * other tools that never run cells as formulas.
 */
export interface CsvOptions {
  delimiter: ',' | ';';
  decimal: '.' | ',';
  formulaEscape: boolean;
  /** false: no byte-order mark before the header (files for statistical tools, not Excel: Open SDG, SDMX-CSV). Default: one. */
  bom?: boolean;
}

export const DEFAULT_CSV_OPTIONS: CsvOptions = { delimiter: ',', decimal: '.', formulaEscape: true };
