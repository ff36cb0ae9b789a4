import { IsOptional } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { IntegerParameter } from '../../common/validation/query-transforms';
import { CommonExportQuery } from './export-common.query';

/** /exports/reporting-completeness.*: the periods of `year` (default: asOf's year) ended by asOf. */
export class ReportingCompletenessExportQuery extends CommonExportQuery {
  @IntegerParameter()
  @IsOptional()
  @PlanYear()
  year?: number;
}
