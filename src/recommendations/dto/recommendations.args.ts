import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination/page.args';
import { OptionalText } from '../../common/validation/decorators';
import {
  OrderDirection,
  RecommendationKind,
  RecommendationOrderField,
  RecommendationStatus,
} from '../recommendation.enums';

@InputType({ description: 'Which recommendations to list: every given condition must hold' })
export class RecommendationFilter {
  @Field(() => [RecommendationStatus], { nullable: true, description: 'Only these statuses' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(RecommendationStatus, { each: true })
  status?: RecommendationStatus[] | null;

  @Field(() => [RecommendationKind], { nullable: true, description: 'Only these kinds' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(RecommendationKind, { each: true })
  kind?: RecommendationKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only those made at this meeting' })
  @IsOptional()
  @IsUUID()
  meetingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those addressing this barrier' })
  @IsOptional()
  @IsUUID()
  barrierId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those this indicator measures' })
  @IsOptional()
  @IsUUID()
  indicatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those this organisation is responsible for' })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only overdue ones (dueDate passed, not IMPLEMENTED or REJECTED); false: only the others' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "True: only those where a civil-society organisation's latest published assessment gives another status than the official one (docs/domain.md); false: only the others",
  })
  @IsOptional()
  @IsBoolean()
  divergent?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only those mapped to this framework item (an SDG goal, target or indicator, a CEDAW paragraph, a UPR document) or to an item under it (5.5 includes 5.5.1(a), 5.5.1(b) and 5.5.2)' })
  @IsOptional()
  @IsUUID()
  frameworkItem?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on code, title, description' })
  @OptionalText(200)
  search?: string | null;
}

@InputType({ description: 'The order of a recommendations list; ties are broken by id' })
export class RecommendationOrder {
  @Field(() => RecommendationOrderField, { description: 'What to order by' })
  @IsEnum(RecommendationOrderField)
  field: RecommendationOrderField;

  @Field(() => OrderDirection, { description: 'Ascending or descending' })
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}

@ArgsType()
export class RecommendationsArgs extends PageArgs {
  @Field(() => RecommendationFilter, { nullable: true, description: 'Which recommendations to list; all when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendationFilter)
  filter?: RecommendationFilter | null;

  @Field(() => RecommendationOrder, { nullable: true, description: 'CODE ascending when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendationOrder)
  orderBy?: RecommendationOrder | null;
}
