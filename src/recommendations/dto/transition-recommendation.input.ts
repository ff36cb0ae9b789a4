import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { NOTE_MAX, OptionalHttpUrl, OptionalText } from '../../common/validation/decorators';
import { RecommendationStatus } from '../recommendation.enums';

@InputType()
export class TransitionRecommendationInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => RecommendationStatus)
  @IsEnum(RecommendationStatus)
  to: RecommendationStatus;

  @Field(() => String, { nullable: true })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @TranslationsInputField('note')
  noteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalHttpUrl()
  evidenceUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'CONFLICT when given and stale' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
