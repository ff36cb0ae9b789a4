import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/decorators';
import type { Locale } from '../../i18n/locales';
import { withLangParameter } from '../dto/lang-parameter';

/**
 * The parameters of the statistics files (Open SDG, SDMX-CSV, code lists): the cut as every export
 * takes it (asOf, valuesKnownBy) and the language. No CSV options (the formats fix comma, point and
 * no byte-order mark) and no values=submitted (approved values only: the files are public).
 */
export class StatisticsFileQuery {
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @IsOptional()
  @IsCalendarDate()
  valuesKnownBy?: string;

  lang?: Locale;
}
withLangParameter(StatisticsFileQuery);
