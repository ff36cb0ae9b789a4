import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import {
  DESCRIPTION_MAX,
  IsCalendarDate,
  NOTE_MAX,
  PLACE_NAME_MAX,
  OptionalHttpUrl,
  OptionalText,
  TITLE_MAX,
} from '../../common/validation/decorators';
import { MeetingFormat, ParticipantRole } from '../meeting.enums';

@InputType()
export class ParticipantInput {
  @Field(() => ID, { nullable: true })
  @ValidateIf((p: ParticipantInput) => p.personId != null || p.organizationId == null)
  @IsUUID(undefined, { message: 'personId must be a UUID (a participant needs a personId or an organizationId)' })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => ParticipantRole)
  @IsEnum(ParticipantRole)
  role: ParticipantRole;
}

@InputType()
export class CreateMeetingInput {
  @Field(() => String, { nullable: true, description: "in the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => DateScalarType)
  @IsCalendarDate()
  heldOn: string;

  @Field(() => MeetingFormat)
  @IsEnum(MeetingFormat)
  format: MeetingFormat;

  @Field(() => String, { nullable: true })
  @OptionalText(PLACE_NAME_MAX)
  settlement?: string | null;

  @TranslationsInputField('settlement')
  settlementTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(PLACE_NAME_MAX)
  region?: string | null;

  @TranslationsInputField('region')
  regionTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  summary?: string | null;

  @TranslationsInputField('summary')
  summaryTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'where the texts come from, e.g. which are translations of the source' })
  @OptionalText(NOTE_MAX)
  sourceNote?: string | null;

  @TranslationsInputField('sourceNote')
  sourceNoteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalHttpUrl()
  sourceUrl?: string | null;

  @Field(() => [ParticipantInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants?: ParticipantInput[] | null;
}
