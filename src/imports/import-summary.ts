import { ImportColumn } from './import-file';

/** A reason a row cannot be imported; `column` is null when the row as a whole is wrong. */
export interface ImportError {
  row: number;
  column: ImportColumn | null;
  reason: string;
}

/**
 * The answer of an import, shaped like DHIS2's import summary. The counts say
 * what was recorded (with dryRun: what would be): when any row is rejected,
 * nothing is, so they are all 0 and `errors` lists every problem by row.
 */
export interface ImportSummary {
  dryRun: boolean;
  /** Values for an indicator and period that had none. */
  imported: number;
  /** Values that replaced a different one. */
  updated: number;
  /** Rows identical to what is recorded (value, source and note): nothing to write. */
  unchanged: number;
  /** Rows with at least one error. */
  rejected: number;
  errors: ImportError[];
}
