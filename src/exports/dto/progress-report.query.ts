import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { VALUES_PARAMETER } from './values-parameter';
import type { ValuesParameter } from './values-parameter';
import { PlanYear } from '../../action-plan/reporting-period';
import { IsCalendarDate, OptionalText } from '../../common/validation/decorators';
import { Locale } from '../../i18n/locales';
import { withLangParameter } from './lang-parameter';
import { IntegerParameter } from '../../common/validation/query-transforms';

/** GET /reports/progress.pdf?year=YYYY[&actionPlanId=][&asOf=YYYY-MM-DD][&valuesKnownBy=YYYY-MM-DD][&values=submitted]; the year defaults as the exports' (IndicatorProgressReader.defaultYear). */
export class ProgressReportQuery {
  @IntegerParameter()
  @IsOptional()
  @PlanYear()
  year?: number;

  @IsOptional()
  @IsUUID()
  actionPlanId?: string;

  /** Only the recommendations this organisation is responsible for. */
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** Only the recommendations of meetings held in this region (as written on the meeting). */
  @OptionalText(120)
  region?: string;

  /** Only the recommendations of this meeting. */
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  /** The day to take the figures at (not after today); default: the end of year, or today for the current year. */
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  /** The day by whose end approved value versions count (not before asOf, not after today); default: asOf plus the plan's reporting lag. */
  @IsOptional()
  @IsCalendarDate()
  valuesKnownBy?: string;

  /** `submitted`: staff only, values not yet reviewed included (the report says so); default `approved`. */
  @IsOptional()
  @IsIn(VALUES_PARAMETER)
  values?: ValuesParameter;

  /** The report's language; default: the best of Accept-Language, else English. */
  lang?: Locale;
}
withLangParameter(ProgressReportQuery);
