import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination/page.args';
import { AssessmentReviewStatus } from '../assessment.entity';

@InputType({ description: 'Which assessment versions to list: every given condition must hold' })
export class AssessmentFilter {
  @Field(() => ID, { nullable: true, description: 'Only those of this recommendation' })
  @IsOptional()
  @IsUUID()
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those of this organisation' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => [AssessmentReviewStatus], { nullable: true, description: 'Only these moderation states (readers see PUBLISHED ones only)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(AssessmentReviewStatus, { each: true })
  reviewStatus?: AssessmentReviewStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: only each assessment's latest version the caller may read (with reviewStatus [SUBMITTED]: the moderation queue); false or absent: every version",
  })
  @IsOptional()
  @IsBoolean()
  latest?: boolean | null;
}

@ArgsType()
export class AssessmentsArgs extends PageArgs {
  @Field(() => AssessmentFilter, { nullable: true, description: 'Which versions to list; all the caller may read when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssessmentFilter)
  filter?: AssessmentFilter | null;
}
