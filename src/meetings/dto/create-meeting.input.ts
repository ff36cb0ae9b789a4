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

@InputType({ description: 'A participant of a meeting: a person, an organisation or both' })
export class ParticipantInput {
  @Field(() => ID, { nullable: true, description: 'The person who took part; this or organizationId is required' })
  @ValidateIf((p: ParticipantInput) => p.personId != null || p.organizationId == null)
  @IsUUID(undefined, { message: 'personId must be a UUID (a participant needs a personId or an organizationId)' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: "The organisation that took part (or the person's); this or personId is required" })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => ParticipantRole, { description: 'The part they played in the meeting' })
  @IsEnum(ParticipantRole)
  role: ParticipantRole;
}

@InputType({ description: 'A new meeting' })
export class CreateMeetingInput {
  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => DateScalarType, { description: 'The day the meeting was held' })
  @IsCalendarDate()
  heldOn: string;

  @Field(() => MeetingFormat, { description: 'What kind of meeting it was' })
  @IsEnum(MeetingFormat)
  format: MeetingFormat;

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

  @Field(() => [ParticipantInput], { nullable: true, description: 'Who took part, in the order to list them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants?: ParticipantInput[] | null;
}
