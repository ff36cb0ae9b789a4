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
  @Field(() => ID)
  @IsUUID()
  indicatorId: string;

  @Field({ description: '"2025" (a year) or "2025-Q3" (a quarter)' })
  @IsPeriod()
  period: string;

  @Field(() => Float)
  @IsMeasurement()
  value: number;

  @Field(() => String, { nullable: true })
  @OptionalText(SOURCE_MAX)
  source?: string | null;

  @TranslationsInputField('source')
  sourceTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @TranslationsInputField('note')
  noteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'required when the period already has a value: why this version corrects it' })
  @OptionalText(NOTE_MAX)
  correctionReason?: string | null;
}
