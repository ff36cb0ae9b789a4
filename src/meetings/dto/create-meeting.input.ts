import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import {
  DESCRIPTION_MAX,
  IsCalendarDate,
  OptionalHttpUrl,
  OptionalText,
  RequiredText,
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
  @Field()
  @RequiredText(TITLE_MAX)
  title: string;

  @Field(() => DateScalarType)
  @IsCalendarDate()
  heldOn: string;

  @Field(() => MeetingFormat)
  @IsEnum(MeetingFormat)
  format: MeetingFormat;

  @Field(() => String, { nullable: true })
  @OptionalText(120)
  settlement?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(120)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  summary?: string | null;

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
