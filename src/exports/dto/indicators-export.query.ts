import { IsOptional } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { ActionPlanExportQuery } from './action-plan-export.query';
import { withPeriodRange } from './export-common.query';
import { IntegerParameter } from '../../common/validation/query-transforms';

/**
 * /exports/indicators.*: progress is measured for `year` (default: the latest
 * year up to asOf's with a value recorded by asOf, else asOf's year).
 */
export class IndicatorsExportQuery extends ActionPlanExportQuery {
  @IntegerParameter()
  @IsOptional()
  @PlanYear()
  year?: number;
}

/** /exports/workbook.xlsx: the indicators' parameters, and from … to for its values sheet. */
export class WorkbookExportQuery extends IndicatorsExportQuery {
  from?: string;
  to?: string;
}
withPeriodRange(WorkbookExportQuery);
