import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommonExportQuery, withPeriodRange } from './export-common.query';

/** Limits an export to one action plan. */
export class ActionPlanExportQuery extends CommonExportQuery {
  @IsOptional()
  @IsUUID()
  actionPlanId?: string;
}

/** /exports/indicator-values.*: one plan or all, values of the periods from … to. */
export class IndicatorValuesExportQuery extends ActionPlanExportQuery {
  from?: string;
  to?: string;

  /** `approved` (the default): the values as public; `all`: every version with its review (staff only). */
  @IsOptional()
  @IsIn(['approved', 'all'], { message: 'versions must be "approved" or "all"' })
  versions?: 'approved' | 'all';
}
withPeriodRange(IndicatorValuesExportQuery);
