import { Args, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { CreatePersonInput } from './dto/create-person.input';
import { OrganizationsRepository } from './organizations.repository';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { Person } from './person.entity';

@ObjectType({ description: 'A page of organisations (a Relay cursor connection)' })
export class OrganizationConnection extends ConnectionType(Organization, 'Organization') {}

@ObjectType({ description: 'A page of people (a Relay cursor connection)' })
export class PersonConnection extends ConnectionType(Person, 'Person') {}

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => [Organization], {
    description: 'Every organisation, ordered by name',
    deprecationReason: 'Use organizationsConnection: the same organisations in the same order, by pages, with totalCount',
  })
  @Roles(...READERS)
  organizations(@RequestLocale() locale: Locale): Promise<Organization[]> {
    return this.service.list(undefined, locale);
  }

  @Query(() => OrganizationConnection, { description: 'A page of organisations, ordered by name in the request language, then id' })
  @Roles(...READERS)
  organizationsConnection(@Args() page: PageArgs, @RequestLocale() locale: Locale): Promise<Connection<Organization>> {
    return this.service.listPage(page, locale);
  }

  @Mutation(() => Organization, { description: 'Records an organisation (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createOrganization(@Args('input', { description: 'The organisation to record' }) input: CreateOrganizationInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Organization> {
    return this.service.create(input, actor, locale);
  }
}

@Resolver(() => Person)
export class PeopleResolver {
  constructor(
    private readonly service: OrganizationsService,
    private readonly repository: OrganizationsRepository,
  ) {}

  @Query(() => [Person], {
    description: 'Every person, ordered by name',
    deprecationReason: 'Use peopleConnection: the same people in the same order, by pages, with totalCount',
  })
  @Roles(...READERS)
  people(): Promise<Person[]> {
    return this.service.listPeople();
  }

  @Query(() => PersonConnection, { description: 'A page of people, ordered by full name, then id' })
  @Roles(...READERS)
  peopleConnection(@Args() page: PageArgs): Promise<Connection<Person>> {
    return this.service.listPeoplePage(page);
  }

  @Mutation(() => Person, { description: 'Records a person (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createPerson(@Args('input', { description: 'The person to record' }) input: CreatePersonInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Person> {
    return this.service.createPerson(input, actor, locale);
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The organisation they work for; null when not known' })
  organization(person: Person, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization | null> | null {
    return person.organizationId ? this.repository.organizationById(loaders).load(person.organizationId) : null;
  }
}
