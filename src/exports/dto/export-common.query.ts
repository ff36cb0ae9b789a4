import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsPeriod } from '../../action-plan/reporting-period';
import { IsCalendarDate } from '../../common/validation/decorators';
import { Locale } from '../../i18n/locales';
import { BooleanParameter } from '../../common/validation/query-transforms';
import { withLangParameter } from './lang-parameter';

/**
 * Parameters every download takes: the day its figures are taken at, its
 * language (`lang`), and how a CSV is written (refused for other formats, see ExportsController).
 * Declared as decorators applied to a class's prototype, so that DTOs that
 * already extend another class (RecommendationsExportQuery) get them too.
 */
export interface CommonExportParameters {
  asOf?: string;
  lang?: Locale;
  delimiter?: ',' | ';';
  decimal?: '.' | ',';
  formulaEscape?: boolean;
}

export const CSV_ONLY_PARAMETERS = ['delimiter', 'decimal', 'formulaEscape'] as const;

export function withCommonExportParameters(dto: new () => object): void {
  const proto = dto.prototype as object;
  IsOptional()(proto, 'asOf');
  IsCalendarDate()(proto, 'asOf');
  withLangParameter(dto);
  IsOptional()(proto, 'delimiter');
  IsIn([',', ';'], { message: 'delimiter must be "," or ";"' })(proto, 'delimiter');
  IsOptional()(proto, 'decimal');
  IsIn(['.', ','], { message: 'decimal must be "." or ","' })(proto, 'decimal');
  BooleanParameter()(proto, 'formulaEscape');
  IsOptional()(proto, 'formulaEscape');
  IsBoolean({ message: 'formulaEscape must be true or false' })(proto, 'formulaEscape');
}

/** A period range over indicator values: from … to, each a year (2025) or a quarter (2025-Q3), inclusive. */
export function withPeriodRange(dto: new () => object): void {
  const proto = dto.prototype as object;
  for (const name of ['from', 'to']) {
    IsOptional()(proto, name);
    IsPeriod()(proto, name);
  }
}

/** Parameters of a download with nothing else to choose. */
export class CommonExportQuery implements CommonExportParameters {
  asOf?: string;
  lang?: Locale;
  delimiter?: ',' | ';';
  decimal?: '.' | ',';
  formulaEscape?: boolean;
}
withCommonExportParameters(CommonExportQuery);
