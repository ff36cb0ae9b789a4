import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/**
 * What every update's input carries besides its changes: the version they were made to. One
 * shape for every mutation (transitionRecommendation and reviewValue had it in their input
 * already); the update mutations' `expectedVersion` argument stays, deprecated.
 */
@InputType({ isAbstract: true })
export abstract class VersionedChangesInput {
  @Field(() => Int, {
    nullable: true,
    description: "The record's version the changes were made to; CONFLICT (subcode STALE_VERSION) when it has changed since. Absent: the changes apply to whatever is current",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

/** The deprecated argument's description, the same on every update mutation. */
export const EXPECTED_VERSION_ARGUMENT = {
  description: 'CONFLICT when given and stale',
  deprecationReason: 'Put expectedVersion in input, as every mutation takes it',
} as const;

/**
 * The version an update names, in its input or in the deprecated argument; BAD_USER_INPUT when
 * the two are given and differ (the caller's intent is unclear, so nothing is written).
 */
export function expectedVersionOf(args: { input: VersionedChangesInput; expectedVersion?: number | null }): number | null {
  const inInput = args.input.expectedVersion ?? null;
  const inArgument = args.expectedVersion ?? null;
  if (inInput !== null && inArgument !== null && inInput !== inArgument) {
    throw DomainError.badInput('expectedVersion', `is ${inArgument} as an argument and ${inInput} in input: give it once, in input`, { reason: 'twoVersions' });
  }
  return inInput ?? inArgument;
}
