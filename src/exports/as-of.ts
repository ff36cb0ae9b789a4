import type { Locale } from '../i18n/locales';
import { startOfNextDay } from '../reports/progress-summary.service';
import { ExportLanguage } from './export-language';
import { ExportContext } from './exporters/export-context';

export { resolveAsOf } from '../common/as-of';

export function exportContext(today: string, timeZone: string, asOf: string, language: ExportLanguage, contentChain: readonly Locale[]): ExportContext {
  return { today, timeZone, asOf, asOfEnd: startOfNextDay(asOf, timeZone).toISOString(), language, contentChain };
}
