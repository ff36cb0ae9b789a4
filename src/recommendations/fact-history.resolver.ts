import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { RecommendationFactChange } from './fact-change.entity';

/** The organisations an entry of the fact history names, through the per-request organisation loader (one query per request). */
@Resolver(() => RecommendationFactChange)
export class FactChangeResolver {
  constructor(private readonly organizations: OrganizationsRepository) {}

  @ResolveField(() => [Organization], { description: 'The responsible organisations then, by id; one deleted since is left out' })
  async responsibleOrganizations(entry: RecommendationFactChange, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization[]> {
    const found = await this.organizations.organizationById(loaders).loadMany(entry.responsibleOrganizationIds);
    return found.filter((o): o is Organization => o !== null && !(o instanceof Error));
  }
}
