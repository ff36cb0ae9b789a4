import { IsIn, Matches } from 'class-validator';
import { SetIndicatorMilestoneArgs } from '../../action-plan/dto/create-indicator.input';
import { IsMeasurement } from '../../common/validation/decorators';
import { Control, DecimalControl } from '../forms/form-controls';

/**
 * The form that sets a quarter's milestone of a QUARTERLY indicator (setIndicatorMilestone's
 * service). Its controls are named apart from the value form's on the same page; the service's
 * errors about `year`, `quarter` and `value` are shown at them.
 */
export class IndicatorMilestoneForm {
  @Matches(/^\d{4}$/)
  milestoneYear: string;

  @IsIn(['1', '2', '3', '4'])
  milestoneQuarter: string;

  @DecimalControl()
  @IsMeasurement()
  milestoneValue: number;

  @Control('milestoneYear')
  get year(): number {
    return Number(this.milestoneYear);
  }

  @Control('milestoneQuarter')
  get quarter(): number {
    return Number(this.milestoneQuarter);
  }

  @Control('milestoneValue')
  get value(): number {
    return this.milestoneValue;
  }

  /** The API's arguments for this indicator. */
  toArgs(indicatorId: string): SetIndicatorMilestoneArgs {
    return Object.assign(new SetIndicatorMilestoneArgs(), { indicatorId, year: this.year, quarter: this.quarter, value: this.value });
  }
}
