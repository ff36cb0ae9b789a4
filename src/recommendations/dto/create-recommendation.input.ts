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

@InputType({ description: 'A new recommendation (it starts as PROPOSED)' })
export class CreateRecommendationInput {
  @Field(() => String, { nullable: true, description: 'Generated when absent' })
  @IsOptional()
  @CodeText()
  code?: string | null;

  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A longer explanation, in the request's locale (Accept-Language)" })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => RecommendationKind, { description: 'What kind of measure it recommends' })
  @IsEnum(RecommendationKind)
  kind: RecommendationKind;

  @Field(() => Priority, { nullable: true, description: 'MEDIUM when absent' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority | null;

  @Field(() => DateScalarType, { nullable: true, description: 'When it should be implemented' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @Field(() => ID, { description: 'The meeting where it was made' })
  @IsUUID()
  meetingId: string;

  @Field(() => [ID], { nullable: true, description: 'The barriers it addresses' })
  @OptionalIdList()
  barrierIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The organisations responsible for implementing it' })
  @OptionalIdList()
  responsibleOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The action plan indicators that measure it' })
  @OptionalIdList()
  indicatorIds?: string[] | null;
}
