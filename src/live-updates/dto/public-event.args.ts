import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PUBLIC_EVENT_TYPES, PublicEventType } from '../../public-events/public-event';

/** Which events a `publicEvent` subscription receives: every filter given must hold. */
@ArgsType()
export class PublicEventArgs {
  @Field(() => [PublicEventType], { nullable: true, description: 'Only events of these types (none or empty: every type)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PUBLIC_EVENT_TYPES.length)
  @IsEnum(PublicEventType, { each: true })
  types?: PublicEventType[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this recommendation (its transitions and assessments)' })
  @IsOptional()
  @IsUUID(undefined, { message: 'recommendationId must be a recommendation id' })
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this indicator (its approved values)' })
  @IsOptional()
  @IsUUID(undefined, { message: 'indicatorId must be an indicator id' })
  indicatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events whose recommendation or indicator this organisation is responsible for' })
  @IsOptional()
  @IsUUID(undefined, { message: 'organizationId must be an organisation id' })
  organizationId?: string | null;
}
