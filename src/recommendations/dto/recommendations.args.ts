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

@InputType()
export class RecommendationFilter {
  @Field(() => [RecommendationStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(RecommendationStatus, { each: true })
  status?: RecommendationStatus[] | null;

  @Field(() => [RecommendationKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(RecommendationKind, { each: true })
  kind?: RecommendationKind[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  meetingId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  barrierId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'case-insensitive match on code, title, description' })
  @OptionalText(200)
  search?: string | null;
}

@InputType()
export class RecommendationOrder {
  @Field(() => RecommendationOrderField)
  @IsEnum(RecommendationOrderField)
  field: RecommendationOrderField;

  @Field(() => OrderDirection)
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}

@ArgsType()
export class RecommendationsArgs extends PageArgs {
  @Field(() => RecommendationFilter, { nullable: true })
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
