import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { NOTE_MAX, OptionalText } from '../../common/validation/decorators';

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'What a reviewer decides about a SUBMITTED version',
  valuesMap: {
    APPROVE: { description: 'The version is checked: it becomes public and locked' },
    RETURN: { description: 'The version goes back to its submitter with the reason' },
  },
});

@InputType({ description: 'Review of a SUBMITTED version by an ADMIN or EDITOR other than its submitter (four eyes).' })
export class ReviewValueInput {
  @Field(() => ID, { description: 'The SUBMITTED version to review' })
  @IsUUID()
  versionId: string;

  @Field(() => ReviewDecision, { description: 'Approve or return it' })
  @IsEnum(ReviewDecision)
  decision: ReviewDecision;

  @Field(() => String, { nullable: true, description: 'Required to RETURN: shown to the submitter' })
  @OptionalText(NOTE_MAX)
  reason?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The value's latest version number the reviewer saw; CONFLICT when a newer version was submitted since",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
