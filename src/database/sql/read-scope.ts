import type { Locale } from '../../i18n/locales';
import type { SqlParams } from './params';

/** The catalog prefixes of the enumerations a read can write as labels (`status` → `status.IN_PROGRESS`). */
export type EnumLabelPrefix = 'status' | 'kind' | 'priority' | 'barrier' | 'orgKind' | 'progress' | 'staff.direction' | 'reviewStatus';

/** Writes an enum column as its code or as its label in the read's language, as one SQL expression. */
export interface EnumLabeller {
  enumSql(expression: string, prefix: EnumLabelPrefix, p: SqlParams): string;
  /** Each unit code's name in the read's language; null where codes are written as they are. */
  unitNames(): Readonly<Record<string, string>> | null;
  /** An indicator `i`'s unit: its name in the read's language, else its unit text. */
  unitSql(p: SqlParams): string;
}

/**
 * What a repository needs to read rows "as of a day in a language", and nothing
 * more: the day, the time zone timestamps are shown in, the locales translatable
 * text is read in, and how enum values are written. Exports pass their
 * ExportContext (which carries more), so features never import from exports.
 */
export interface ReadScope {
  today: string;
  timeZone: string;
  /** The figures as they stood at the end of this day (YYYY-MM-DD in timeZone). */
  asOf: string;
  /** The instant the day after `asOf` begins in timeZone (ISO 8601): "recorded by asOf" is `recorded_at < asOfEnd`. */
  asOfEnd: string;
  /** Value versions count as known by the end of this day (the second cut-off; see action-plan/progress-cut.ts). */
  valuesKnownBy: string;
  /** The instant the day after valuesKnownBy begins in timeZone (ISO 8601). */
  valuesKnownByEnd: string;
  /** Which versions count: approved ones (the default, public) or submitted ones not returned (staff only). */
  valueStatus: 'APPROVED' | 'SUBMITTED';
  /** The locales translatable content is read in, first that has text (see translatedSql). */
  contentChain: readonly Locale[];
  language: EnumLabeller;
}
