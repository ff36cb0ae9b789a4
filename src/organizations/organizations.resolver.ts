import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
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

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => [Organization], { description: 'Every organisation, ordered by name' })
  @Roles(...READERS)
  organizations(@RequestLocale() locale: Locale): Promise<Organization[]> {
    return this.service.list(undefined, locale);
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

  @Query(() => [Person], { description: 'Every person, ordered by name' })
  @Roles(...READERS)
  people(): Promise<Person[]> {
    return this.service.listPeople();
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
