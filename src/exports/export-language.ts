import { IndicatorUnit } from '../action-plan/indicator-unit';
import { IndicatorDirection, ProgressStatus } from '../action-plan/action-plan.enums';
import { ReviewStatus } from '../action-plan/indicator-value-version.entity';
import { BarrierCategory } from '../barriers/barrier-category.enum';
import type { MessageKey, MessageValues, Translator } from '../i18n/i18n.service';
import { DEFAULT_EXPORT_LOCALE, Locale } from '../i18n/locales';
import { negotiateLocale } from '../i18n/negotiate-locale';
import { OrganizationKind } from '../organizations/organization-kind.enum';
import { Priority, RecommendationKind, RecommendationStatus } from '../recommendations/recommendation.enums';
import { SqlParams } from '../database/sql/params';
import type { EnumLabeller, EnumLabelPrefix } from '../database/sql/read-scope';
import { CellType, column, ExportColumn } from './tabular/export-column';

/**
 * Accept-Language without its wildcard entries: `*` ("any language", which
 * fetch() and many HTTP clients send by default) names none of ours, so it must
 * not pick the first of them; the default applies instead.
 */
export function namedLanguages(acceptLanguage: string | string[] | undefined): string | undefined {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  const named = (header ?? '').split(',').filter((part) => !['', '*'].includes(part.split(';')[0].trim()));
  return named.length ? named.join(',') : undefined;
}

/** `lang` when given (already validated), else the best language Accept-Language names, else `fallback` (English). */
export function requestedLocale(lang: Locale | undefined | null, acceptLanguage: string | string[] | undefined, fallback: Locale = DEFAULT_EXPORT_LOCALE): Locale {
  return lang ?? negotiateLocale({ acceptLanguage: namedLanguages(acceptLanguage) }, fallback);
}

/** What a file name carries for its language: nothing for English (the names files have always had), `.ky` or `.ru` otherwise. */
export function languageSuffix(locale: Locale): string {
  return locale === DEFAULT_EXPORT_LOCALE ? '' : `.${locale}`;
}

/** Each enumeration a download shows, by the catalog prefix of its labels. */
const ENUMS = {
  status: Object.values(RecommendationStatus),
  kind: Object.values(RecommendationKind),
  priority: Object.values(Priority),
  barrier: Object.values(BarrierCategory),
  orgKind: Object.values(OrganizationKind),
  progress: Object.values(ProgressStatus),
  'staff.direction': Object.values(IndicatorDirection),
  reviewStatus: Object.values(ReviewStatus),
} as const satisfies Record<EnumLabelPrefix, readonly string[]>;
export type EnumLabels = EnumLabelPrefix;

/** A column header's message: `export.column.<message>` with its values (the year of target_2025). */
export interface HeaderMessage {
  message: string;
  values?: MessageValues;
}

/**
 * What a download says in one language: column headers, sheet names, enum
 * values, XLSX display formats, all from the ICU catalogs.
 *
 * English headers are the snake_case column names and English enum values are
 * the codes (IN_PROGRESS): what the files have always said, and what scripts
 * and the import read. Kyrgyz and Russian files are for people: headers in
 * words and enum values as the catalogs' labels. Numbers and dates in CSV stay
 * machine-readable in every language (the decimal/delimiter options are for
 * Excel's regional settings); NDJSON keeps keys and codes whatever the language.
 */
export class ExportLanguage implements EnumLabeller {
  readonly locale: Locale;

  /** Whether enum values are written as labels (ky, ru) rather than codes (en, and NDJSON in any language). */
  readonly labelsEnums: boolean;

  constructor(
    readonly translator: Translator,
    format: 'for people' | 'for scripts' = 'for people',
  ) {
    this.locale = translator.locale;
    this.labelsEnums = format === 'for people' && this.locale !== 'en';
  }

  t(key: MessageKey, values?: MessageValues): string {
    return this.translator.t(key, values);
  }

  header(header: HeaderMessage): string {
    return this.translator.t(`export.column.${header.message}` as MessageKey, header.values);
  }

  /** A column whose header is `export.column.<key>` (or the message given) in this language. */
  column(key: string, type: CellType, width: number, description: string, header: HeaderMessage = { message: key }): ExportColumn {
    return column(key, type, width, description, this.header(header));
  }

  sheetName(exportName: string): string {
    return this.translator.t(`export.sheet.${exportName}` as MessageKey);
  }

  /** One enum value as written in this language: the code in English, the catalog's label otherwise. */
  label(prefix: EnumLabels, code: string): string {
    return this.labelsEnums ? this.translator.t(`${prefix}.${code}` as MessageKey) : code;
  }

  /**
   * An enum column as SQL: the code as text in English; otherwise the label,
   * looked up in a jsonb object of every label passed as one parameter (so the
   * export stays one statement, for COPY as for the cursor).
   */
  /** The catalog's name of each unit code in this language (null in English: units are written as stored). */
  unitNames(): Record<IndicatorUnit, string> | null {
    if (!this.labelsEnums) return null;
    return Object.fromEntries(Object.values(IndicatorUnit).map((code) => [code, this.translator.t(`unit.name.${code}` as MessageKey)])) as Record<IndicatorUnit, string>;
  }

  /**
   * An indicator's unit (over `indicator i`) as SQL: as written in English; otherwise the catalog's name of its
   * unit code (человек, адам), and as written when it has none. The names travel as one jsonb parameter.
   */
  unitSql(p: SqlParams): string {
    const names = this.unitNames();
    return names ? `COALESCE(${p.add(JSON.stringify(names), 'jsonb')} ->> i.unit_code, i.unit)` : 'i.unit';
  }

  enumSql(expression: string, prefix: EnumLabels, p: SqlParams): string {
    if (!this.labelsEnums) return `${expression}::text`;
    const labels = Object.fromEntries(ENUMS[prefix].map((code) => [code, this.label(prefix, code)]));
    return `(${p.add(JSON.stringify(labels), 'jsonb')} ->> ${expression}::text)`;
  }
}
