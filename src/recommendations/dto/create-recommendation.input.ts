import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import {
  CodeText,
  DESCRIPTION_MAX,
  IsCalendarDate,
  OptionalText,
  TITLE_MAX,
} from '../../common/validation/decorators';
import { Priority, RecommendationKind } from '../recommendation.enums';
import { OptionalIdList } from './recommendation-links.input';

@InputType()
export class CreateRecommendationInput {
  @Field(() => String, { nullable: true, description: 'generated when absent' })
  @IsOptional()
  @CodeText()
  code?: string | null;

  @Field(() => String, { nullable: true, description: "in the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => RecommendationKind)
  @IsEnum(RecommendationKind)
  kind: RecommendationKind;

  @Field(() => Priority, { nullable: true, description: 'MEDIUM when absent' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority | null;

  @Field(() => DateScalarType, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  barrierIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  responsibleOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  indicatorIds?: string[] | null;
}
