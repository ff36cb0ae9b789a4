import { IsOptional } from 'class-validator';
import { PlanYear } from '../../common/validation/decorators';
import { ActionPlanExportQuery } from './action-plan-export.query';
import { IntegerParameter } from './query-transforms';

/** /exports/indicators.* and the workbook: progress is measured for `year` (default: the current year in APP_TIMEZONE). */
export class IndicatorsExportQuery extends ActionPlanExportQuery {
  @IntegerParameter()
  @IsOptional()
  @PlanYear()
  year?: number;
}
