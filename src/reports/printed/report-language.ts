import { ProgressStatus } from '../../action-plan/action-plan.enums';
import type { MessageKey, MessageValues, Translator } from '../../i18n/i18n.service';
import { Locale } from '../../i18n/locales';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';

/**
 * What the printed report says in one language: every label from the ICU
 * catalogs, numbers with the locale's separators (12 345,5 in Kyrgyz and
 * Russian), days as the locale writes them in tables (31.12.2025), except in
 * English, where the report keeps ISO 8601 days (2025-12-31), unambiguous for
 * an international reader and what it has always printed.
 */
export class ReportLanguage {
  readonly locale: Locale;
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly days: Intl.DateTimeFormat | null;

  constructor(private readonly translator: Translator) {
    this.locale = translator.locale;
    this.numbers = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 2 });
    this.percents = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 });
    this.days = this.locale === 'en' ? null : new Intl.DateTimeFormat('ru', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  }

  t(key: MessageKey, values?: MessageValues): string {
    return this.translator.t(key, values);
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** A percentage given in percent (86.7, not 0.867), to one decimal. */
  percent(value: number): string {
    return this.percents.format(value / 100);
  }

  /** A calendar day (YYYY-MM-DD); Kyrgyz and Russian both write it DD.MM.YYYY (Intl's ky short date would be 31/12/25). */
  day(isoDate: string): string {
    return this.days ? this.days.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)) : isoDate.slice(0, 10);
  }

  status(status: RecommendationStatus): string {
    return this.translator.t(`status.${status}`);
  }

  progress(status: ProgressStatus): string {
    return this.translator.t(`progress.${status}`);
  }
}
