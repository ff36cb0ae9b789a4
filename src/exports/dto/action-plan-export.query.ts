import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/decorators';
import { CommonExportQuery, withPeriodRange } from './export-common.query';
import { VALUES_PARAMETER } from './values-parameter';
import type { ValuesParameter } from './values-parameter';

/** Limits an export to one action plan; chooses which value versions count. */
export class ActionPlanExportQuery extends CommonExportQuery {
  @IsOptional()
  @IsUUID()
  actionPlanId?: string;

  /** Value versions approved by the end of this day count (not before asOf, not after today); default: asOf plus the plan's reporting lag. */
  @IsOptional()
  @IsCalendarDate()
  valuesKnownBy?: string;

  /** `submitted`: staff only, values not yet reviewed included; default `approved`. */
  @IsOptional()
  @IsIn(VALUES_PARAMETER, { message: 'values must be approved or submitted' })
  values?: ValuesParameter;
}

/** /exports/indicator-values.*: one plan or all, values of the periods from … to. */
export class IndicatorValuesExportQuery extends ActionPlanExportQuery {
  from?: string;
  to?: string;

  /** `approved` (the default): the values as public; `all`: every version with its review (staff only). */
  @IsOptional()
  @IsIn(['approved', 'all'], { message: 'versions must be "approved" or "all"' })
  versions?: 'approved' | 'all';

  /** `cells`: the breakdowns of the values (one row per cell, the same cut) instead of the values. */
  @IsOptional()
  @IsIn(['cells'], { message: 'breakdown must be "cells"' })
  breakdown?: 'cells';
}
withPeriodRange(IndicatorValuesExportQuery);
