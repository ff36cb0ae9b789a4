import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * A person as others may see them: the name only (never the e-mail address, role or sign-in
 * facts). What `responsibleOfficer` and `focalPoints` return.
 */
@ObjectType({ description: 'A staff member as others see them: their name, never their e-mail address' })
export class StaffMember {
  @Field(() => ID, { description: "The person's id" })
  id: string;

  @Field({ description: 'The name they chose to be shown' })
  displayName: string;

  /** Whether the account is active (not exposed: pages mark a deactivated officer). */
  active: boolean;

  /** Their organisation (not exposed: who may see them depends on it). */
  organizationId: string | null;
}
