import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { CreatePersonInput } from './dto/create-person.input';
import { OrganizationLoader } from './organization.loader';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { Person } from './person.entity';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => [Organization])
  organizations(): Promise<Organization[]> {
    return this.service.list();
  }

  @Mutation(() => Organization)
  createOrganization(@Args('input') input: CreateOrganizationInput): Promise<Organization> {
    return this.service.create(input);
  }
}

@Resolver(() => Person)
export class PeopleResolver {
  constructor(
    private readonly service: OrganizationsService,
    private readonly loader: OrganizationLoader,
  ) {}

  @Query(() => [Person])
  people(): Promise<Person[]> {
    return this.service.listPeople();
  }

  @Mutation(() => Person)
  createPerson(@Args('input') input: CreatePersonInput): Promise<Person> {
    return this.service.createPerson(input);
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() person: Person, @Loaders() loaders: LoaderRegistry): Promise<Organization | null> | null {
    return person.organizationId ? this.loader.organizationById(loaders).load(person.organizationId) : null;
  }
}
