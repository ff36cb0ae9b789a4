import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination/page.args';
import { OptionalText } from '../../common/validation/decorators';

@InputType()
export class IndicatorFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  actionPlanId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'case-insensitive match on code and name' })
  @OptionalText(200)
  search?: string | null;
}

@ArgsType()
export class IndicatorsArgs extends PageArgs {
  @Field(() => IndicatorFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndicatorFilter)
  filter?: IndicatorFilter | null;
}
