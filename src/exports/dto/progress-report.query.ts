import { IsOptional, IsUUID } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { IsCalendarDate, OptionalText } from '../../common/validation/decorators';
import { Locale } from '../../i18n/locales';
import { withLangParameter } from './lang-parameter';
import { IntegerParameter } from '../../common/validation/query-transforms';

/** GET /reports/progress.pdf?year=YYYY[&actionPlanId=][&asOf=YYYY-MM-DD]; the year defaults to asOf's, else the current one in APP_TIMEZONE. */
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

  /** The report's language; default: the best of Accept-Language, else English. */
  lang?: Locale;
}
withLangParameter(ProgressReportQuery);
