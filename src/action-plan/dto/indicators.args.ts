import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination/page.args';
import { OptionalText } from '../../common/validation/decorators';

@InputType({ description: 'Which indicators to list: every given condition must hold' })
export class IndicatorFilter {
  @Field(() => ID, { nullable: true, description: "Only this action plan's indicators" })
  @IsOptional()
  @IsUUID()
  actionPlanId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the indicators this organisation reports' })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on code and name' })
  @OptionalText(200)
  search?: string | null;
}

@ArgsType()
export class IndicatorsArgs extends PageArgs {
  @Field(() => IndicatorFilter, { nullable: true, description: 'Which indicators to list; all when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndicatorFilter)
  filter?: IndicatorFilter | null;
}
