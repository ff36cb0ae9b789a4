import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { NOTE_MAX, OptionalHttpUrl, OptionalText } from '../../common/validation/decorators';
import { RecommendationStatus } from '../recommendation.enums';

@InputType({ description: "A step of a recommendation's lifecycle (see RecommendationStatus for the allowed steps)" })
export class TransitionRecommendationInput {
  @Field(() => ID, { description: 'The recommendation to move' })
  @IsUUID()
  id: string;

  @Field(() => RecommendationStatus, { description: 'The status to move it to' })
  @IsEnum(RecommendationStatus)
  to: RecommendationStatus;

  @Field(() => String, { nullable: true, description: "Why, in the request's locale (Accept-Language); required when reopening a REJECTED one" })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @TranslationsInputField('note')
  noteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'A link to the evidence for the change (http or https)' })
  @OptionalHttpUrl()
  evidenceUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'CONFLICT when given and stale' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
