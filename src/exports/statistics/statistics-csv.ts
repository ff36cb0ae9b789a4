import { CsvOptions, DEFAULT_CSV_OPTIONS } from '../tabular/csv-options';

/** As statistical tools read CSV (Open SDG, SDMX-CSV): comma, decimal point, no byte-order mark; formulas still neutralised, as in every CSV download. */
export const STATISTICS_CSV: CsvOptions = { ...DEFAULT_CSV_OPTIONS, bom: false };
