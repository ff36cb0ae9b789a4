import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** The most focal points one organisation may have. */
export const MAX_FOCAL_POINTS = 20;

@InputType({ description: "An organisation's focal points: replaces the list (an empty list clears it)" })
export class SetFocalPointsInput {
  @Field(() => ID, { description: 'The organisation' })
  @IsUUID()
  organizationId: string;

  @Field(() => [ID], { description: `Active MINISTRY users of that organisation, at most ${MAX_FOCAL_POINTS}` })
  @IsArray()
  @ArrayMaxSize(MAX_FOCAL_POINTS)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  userIds: string[];
}
