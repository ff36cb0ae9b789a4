import { IsOptional, IsUUID } from 'class-validator';
import { PlanYear } from '../../common/validation/decorators';
import { IntegerParameter } from './query-transforms';

/** GET /reports/progress.pdf?year=YYYY[&actionPlanId=]; the year defaults to the current one in APP_TIMEZONE. */
export class ProgressReportQuery {
  @IntegerParameter()
  @IsOptional()
  @PlanYear()
  year?: number;

  @IsOptional()
  @IsUUID()
  actionPlanId?: string;
}
