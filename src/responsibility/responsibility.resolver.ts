import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Indicator } from '../action-plan/indicator.entity';
import type { Actor } from '../auth/actor';
import { CurrentActor, type AuthenticatedRequest } from '../auth/current-actor.decorator';
import { EDITORS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Recommendation } from '../recommendations/recommendation.entity';
import { SetFocalPointsInput } from './dto/set-focal-points.input';
import { ResponsibilityRepository } from './responsibility.repository';
import { ResponsibilityService } from './responsibility.service';
import { StaffMember } from './staff-member.type';

/** Who sees people's names: ADMIN and EDITOR everyone's, a MINISTRY user those of their own organisation, nobody else. */
export function maySeeMembersOf(actor: Pick<Actor, 'role' | 'organizationId'> | undefined, organizationId: string | null): boolean {
  if (!actor) return false;
  if (EDITORS.includes(actor.role)) return true;
  return actor.role === Role.MINISTRY && actor.organizationId !== null && actor.organizationId === organizationId;
}

function actorOf(context: GraphqlContext): Actor | undefined {
  return (context.req as AuthenticatedRequest).actor;
}

const OFFICER_DESCRIPTION =
  'Who is responsible for it (told of its reminders first): shown to ADMIN, EDITOR and the MINISTRY users of their organisation, null for others or when none is named';

@Resolver(() => Organization)
export class FocalPointsResolver {
  constructor(
    private readonly service: ResponsibilityService,
    private readonly repository: ResponsibilityRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  @Mutation(() => Organization, { description: "Replaces an organisation's focal points (ADMIN): active MINISTRY users of that organisation" })
  @Roles(Role.ADMIN)
  async setFocalPoints(@Args('input', { description: 'The organisation and its focal points' }) input: SetFocalPointsInput, @CurrentActor() actor: Actor): Promise<Organization> {
    await this.service.setFocalPoints(input, actor);
    const organization = await this.organizations.organizationById(new LoaderRegistry()).load(input.organizationId.toLowerCase());
    if (!organization) throw new Error(`organisation ${input.organizationId} vanished`);
    return organization;
  }

  @ResolveField(() => [StaffMember], {
    nullable: true,
    description: 'Its focal points (told of escalations, and of reminders no active officer is named for): shown to ADMIN, EDITOR and its own MINISTRY users, null for others',
  })
  focalPoints(organization: Organization, _args: NoArgs, context: GraphqlContext): Promise<StaffMember[]> | null {
    if (!maySeeMembersOf(actorOf(context), organization.id)) return null;
    return this.repository.focalPointsByOrganization(context.loaders).load(organization.id);
  }
}

/** The officer of a record, if the caller may see them. */
async function officerOf(repository: ResponsibilityRepository, userId: string | null, context: GraphqlContext): Promise<StaffMember | null> {
  if (!userId) return null;
  const member = await repository.memberById(context.loaders).load(userId);
  return member && maySeeMembersOf(actorOf(context), member.organizationId) ? member : null;
}

@Resolver(() => Recommendation)
export class RecommendationOfficerResolver {
  constructor(private readonly repository: ResponsibilityRepository) {}

  @ResolveField(() => StaffMember, { nullable: true, description: OFFICER_DESCRIPTION })
  responsibleOfficer(recommendation: Recommendation, _args: NoArgs, context: GraphqlContext): Promise<StaffMember | null> {
    return officerOf(this.repository, recommendation.responsibleUserId, context);
  }
}

@Resolver(() => Indicator)
export class IndicatorOfficerResolver {
  constructor(private readonly repository: ResponsibilityRepository) {}

  @ResolveField(() => StaffMember, { nullable: true, description: OFFICER_DESCRIPTION })
  responsibleOfficer(indicator: Indicator, _args: NoArgs, context: GraphqlContext): Promise<StaffMember | null> {
    return officerOf(this.repository, indicator.responsibleUserId, context);
  }
}
