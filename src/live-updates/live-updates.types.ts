import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PublicEventType } from '../public-events/public-event';

@ObjectType({
  description:
    'Something that happened to public data, sent live to `publicEvent` subscribers: what, when and about which records; ' +
    'the records themselves are read through their usual fields',
})
export class PublicEventMessage {
  @Field(() => ID, { description: "The event's id (the same in webhooks and e-mails about it)" })
  id!: string;

  @Field(() => PublicEventType, { description: 'What happened' })
  type!: PublicEventType;

  @Field({ description: 'When it was written (its transaction committed just before it was sent)' })
  occurredAt!: Date;

  @Field({ description: 'The type of the record it is about: Recommendation, IndicatorValue or Assessment' })
  subjectType!: string;

  @Field(() => ID, { description: 'The id of the record it is about' })
  subjectId!: string;

  @Field(() => ID, { nullable: true, description: 'The recommendation it concerns (a transition, an assessment), if any' })
  recommendationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The indicator it concerns (an approved value), if any' })
  indicatorId!: string | null;

  @Field(() => [ID], { description: 'The organisations responsible for its recommendation or indicator when it happened' })
  organizationIds!: string[];
}

@ObjectType({ description: 'The data version after a committed change to the public data (see x-data-version in the API guide)' })
export class DataVersionChange {
  @Field({ description: 'The version (a growing integer, as text): re-fetch what you show if it is newer than the one your data was read at' })
  version!: string;

  @Field({ description: 'When it advanced' })
  changedAt!: Date;
}
