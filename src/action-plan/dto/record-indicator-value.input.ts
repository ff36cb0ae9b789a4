import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { IsMeasurement, NOTE_MAX, OptionalText, SOURCE_MAX } from '../../common/validation/decorators';
import { IsPeriod } from '../reporting-period';

@InputType({
  description:
    'Each recording adds a version (SUBMITTED, public once approved); recording a period that already has a value corrects it and needs a correctionReason. Nothing is overwritten.',
})
export class RecordIndicatorValueInput {
  @Field(() => ID, { description: 'The indicator the value is for' })
  @IsUUID()
  indicatorId: string;

  @Field({ description: '"2025" (a year) or "2025-Q3" (a quarter)' })
  @IsPeriod()
  period: string;

  @Field(() => Float, { description: 'The measured value' })
  @IsMeasurement()
  value: number;

  @Field(() => String, { nullable: true, description: 'Where the value comes from (a statistics release, a report)' })
  @OptionalText(SOURCE_MAX)
  source?: string | null;

  @TranslationsInputField('source')
  sourceTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A note on the value, in the request's locale (Accept-Language)" })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @TranslationsInputField('note')
  noteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'Required when the period already has a value: why this version corrects it' })
  @OptionalText(NOTE_MAX)
  correctionReason?: string | null;
}
