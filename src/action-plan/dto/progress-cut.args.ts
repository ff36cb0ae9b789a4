import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { IsCalendarDate } from '../../common/validation/decorators';
import { ValueStatus } from '../value-status';

/** The cut's arguments as the schema describes them, wherever they are taken (this class, Indicator.progress). */
export const PROGRESS_CUT_DESCRIPTIONS = {
  asOf: 'Statuses, due dates and responsibilities as they stood at the end of this day (not after today); default: the end of year, or today for the current year',
  valuesKnownBy:
    "Value versions approved by the end of this day count (not before asOf, not after today); default: asOf plus the plan's reportingLagDays, at most today",
  valueStatus: 'APPROVED (default) or SUBMITTED: staff only, values not yet reviewed included',
} as const;

/** The two cut-offs (and which versions count) of a progress figure: see progress-cut.ts. */
@ArgsType()
export class ProgressCutArgs {
  @Field(() => DateScalarType, { nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.asOf })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string | null;

  @Field(() => DateScalarType, { nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.valuesKnownBy })
  @IsOptional()
  @IsCalendarDate()
  valuesKnownBy?: string | null;

  @Field(() => ValueStatus, { nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.valueStatus })
  @IsOptional()
  @IsEnum(ValueStatus)
  valueStatus?: ValueStatus | null;
}
