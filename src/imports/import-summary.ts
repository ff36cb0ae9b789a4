import { ImportColumn } from './import-file';

/** Row errors a client may act on by code rather than by reading the reason. */
export const IMPORT_ERROR_CODES = { UNKNOWN_LOCALE: 'UNKNOWN_LOCALE', CORRECTION_REASON_REQUIRED: 'CORRECTION_REASON_REQUIRED' } as const;
export type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

/** Why a row cannot be imported, as a code a page picks its own message by (the English `reason` is the API's). */
export type ImportReasonCode =
  | 'required'
  | 'noPlan'
  | 'noIndicator'
  | 'otherOrganization'
  | 'notNumber'
  | 'periodFormat'
  | 'outOfRange'
  | 'notStarted'
  | 'repeats'
  | 'locale';

/** A reason code with the values its message shows (a code, a period, a row number). */
export interface ImportReason {
  code: ImportReasonCode;
  params: Record<string, string>;
}

/** A reason a row cannot be imported; `column` is null when the row as a whole is wrong. */
export interface ImportError {
  row: number;
  column: ImportColumn | null;
  reason: string;
  /** Set for the errors that have one (UNKNOWN_LOCALE: the locale cell is not ky, ru or en; CORRECTION_REASON_REQUIRED: the row corrects a value and the import gave no reason). */
  code?: ImportErrorCode;
  /** The reason as a code, where the check knows one (not part of the API's answer: see publicImportSummary). */
  why?: ImportReason;
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

/** The summary as the API and the CLI answer it: each error's row, column, reason and code (the reason codes are the pages'). */
export function publicImportSummary(summary: ImportSummary): ImportSummary {
  return { ...summary, errors: summary.errors.map(({ why: _why, ...error }) => error) };
}
