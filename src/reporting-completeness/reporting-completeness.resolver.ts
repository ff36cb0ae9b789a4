import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ReportingCompletenessArgs } from './dto/reporting-completeness.args';
import { ReportingCompletenessService } from './reporting-completeness.service';
import { OrganizationCompleteness } from './reporting-completeness.types';

@Resolver(() => OrganizationCompleteness)
export class ReportingCompletenessResolver {
  constructor(
    private readonly service: ReportingCompletenessService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  @Query(() => [OrganizationCompleteness], {
    description:
      "Per organisation responsible for indicators (by name), the values its indicators owe for the year's periods ended by asOf and how they were reported. Public, like progressSummary.",
  })
  @Roles(...READERS)
  async reportingCompleteness(@Args() args: ReportingCompletenessArgs, @RequestLocale() locale: Locale): Promise<OrganizationCompleteness[]> {
    return (await this.service.forYear(args.year, args.organizationId, args.asOf, locale)).organizations;
  }

  @ResolveField(() => Organization, { description: 'The organisation itself' })
  async organization(completeness: OrganizationCompleteness, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization> {
    const organization = await this.organizations.organizationById(loaders).load(completeness.organizationId);
    if (!organization) throw new Error(`organization ${completeness.organizationId} is gone`);
    return organization;
  }
}
