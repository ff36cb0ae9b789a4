import type { Locale } from '../../i18n/locales';
import type { ExportLanguage } from '../export-language';

/**
 * What every export is computed against: "today", the day the figures are taken
 * at (`asOf`, never after today), the time zone timestamps are shown in (APP_TIMEZONE),
 * and the language its headers and labels are written in.
 */
export interface ExportContext {
  today: string;
  timeZone: string;
  /** The figures as they stood at the end of this day (YYYY-MM-DD in timeZone). */
  asOf: string;
  /** The instant the day after `asOf` begins in timeZone (ISO 8601): "recorded by asOf" is `recorded_at < asOfEnd`. */
  asOfEnd: string;
  language: ExportLanguage;
  /** The locales translatable content is read in, first that has text (see translatedSql): the language's fallback chain. */
  contentChain: readonly Locale[];
}
