import type { ProgressCut } from '../action-plan/progress-cut';
import type { Locale } from '../i18n/locales';
import { startOfNextDay } from '../common/start-of-next-day';
import { ExportLanguage } from './export-language';
import { ExportContext } from './exporters/export-context';

export { resolveAsOf } from '../common/as-of';

export function exportContext(today: string, timeZone: string, cut: ProgressCut, language: ExportLanguage, contentChain: readonly Locale[]): ExportContext {
  return {
    today,
    timeZone,
    asOf: cut.asOf,
    asOfEnd: startOfNextDay(cut.asOf, timeZone).toISOString(),
    valuesKnownBy: cut.valuesKnownBy,
    valuesKnownByEnd: startOfNextDay(cut.valuesKnownBy, timeZone).toISOString(),
    valueStatus: cut.valueStatus,
    language,
    contentChain,
  };
}
