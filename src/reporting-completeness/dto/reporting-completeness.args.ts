import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { IsCalendarDate } from '../../common/validation/decorators';

@ArgsType()
export class ReportingCompletenessArgs {
  @Field(() => Int, { description: 'The year whose periods are counted (one of the plans’ years)' })
  @PlanYear()
  year: number;

  @Field(() => ID, { nullable: true, description: 'one organisation; default every organisation responsible for an indicator' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => DateScalarType, {
    nullable: true,
    description: 'the cut-off day (not after today; default today): periods ended by it are expected, versions submitted by its end count, days late are counted to it',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string | null;
}
