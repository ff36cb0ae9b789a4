import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { EXPECTED_VERSION_ARGUMENT, VersionedChangesInput } from '../../common/dto/versioned-changes.input';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import {
  DESCRIPTION_MAX,
  IsCalendarDate,
  NOTE_MAX,
  OptionalHttpUrl,
  OptionalText,
  PLACE_NAME_MAX,
  RequiredText,
  TITLE_MAX,
} from '../../common/validation/decorators';
import { MeetingFormat } from '../meeting.enums';

/**
 * Absent fields are left as they are; the optional texts and `sourceUrl` may be set to null
 * to clear them. A translatable text given in some locales leaves the other locales as they are.
 * The participants are not edited here.
 */
@InputType({ description: 'Changes to a meeting: absent fields stay as they are, null clears an optional one' })
export class UpdateMeetingInput extends VersionedChangesInput {
  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language)" })
  @ValidateIf((o: UpdateMeetingInput) => o.title !== undefined)
  @RequiredText(TITLE_MAX)
  title?: string;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => DateScalarType, { nullable: true, description: 'The day the meeting was held' })
  @ValidateIf((o: UpdateMeetingInput) => o.heldOn !== undefined)
  @IsCalendarDate()
  heldOn?: string;

  @Field(() => MeetingFormat, { nullable: true, description: 'What kind of meeting it was' })
  @ValidateIf((o: UpdateMeetingInput) => o.format !== undefined)
  @IsEnum(MeetingFormat)
  format?: MeetingFormat;

  @Field(() => String, { nullable: true, description: "The village or town, in the request's locale (Accept-Language)" })
  @OptionalText(PLACE_NAME_MAX)
  settlement?: string | null;

  @TranslationsInputField('settlement')
  settlementTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "The oblast, in the request's locale (Accept-Language)" })
  @OptionalText(PLACE_NAME_MAX)
  region?: string | null;

  @TranslationsInputField('region')
  regionTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "What was discussed, in the request's locale (Accept-Language)" })
  @OptionalText(DESCRIPTION_MAX)
  summary?: string | null;

  @TranslationsInputField('summary')
  summaryTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'Where the texts come from, e.g. which are translations of the source' })
  @OptionalText(NOTE_MAX)
  sourceNote?: string | null;

  @TranslationsInputField('sourceNote')
  sourceNoteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "Where the meeting's record is published (http or https)" })
  @OptionalHttpUrl()
  sourceUrl?: string | null;
}

@ArgsType()
export class UpdateMeetingArgs {
  @Field(() => ID, { description: 'The meeting to change' })
  @IsUUID()
  id: string;

  @Field(() => UpdateMeetingInput, { description: 'The changes' })
  @ValidateNested()
  @Type(() => UpdateMeetingInput)
  input: UpdateMeetingInput;

  @Field(() => Int, { nullable: true, ...EXPECTED_VERSION_ARGUMENT })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
