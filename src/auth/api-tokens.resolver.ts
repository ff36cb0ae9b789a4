import { Args, Field, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Organization } from '../organizations/organization.entity';
import type { Actor } from './actor';
import { ApiToken } from './api-token.entity';
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor } from './current-actor.decorator';
import { CreateApiTokenInput } from './dto/create-api-token.input';
import { Role } from './role.enum';
import { Roles } from './roles.decorator';

@ObjectType({ description: 'A token just created, with its secret (shown only in this answer)' })
export class CreatedApiToken {
  @Field({ description: 'Shown once; only a hash is stored' })
  token: string;

  @Field(() => ApiToken, { description: 'The token as listed from now on (without its secret)' })
  apiToken: ApiToken;
}

@Resolver(() => ApiToken)
export class ApiTokensResolver {
  constructor(
    private readonly service: ApiTokensService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  @Query(() => [ApiToken], { description: 'ADMIN only' })
  @Roles(Role.ADMIN)
  apiTokens(): Promise<ApiToken[]> {
    return this.service.list();
  }

  @Mutation(() => CreatedApiToken, { description: 'ADMIN only' })
  @Roles(Role.ADMIN)
  createApiToken(@Args('input', { description: 'The token to create' }) input: CreateApiTokenInput, @CurrentActor() actor: Actor): Promise<CreatedApiToken> {
    return this.service.create(input, actor);
  }

  @Mutation(() => ApiToken, { description: 'ADMIN only' })
  @Roles(Role.ADMIN)
  revokeApiToken(@Args('id', { type: () => ID, description: 'The id of the token to revoke' }) id: string, @CurrentActor() actor: Actor): Promise<ApiToken> {
    return this.service.revoke(id, actor);
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The organisation a MINISTRY token acts for; null for other roles' })
  organization(token: ApiToken, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization | null> | null {
    return token.organizationId ? this.organizations.organizationById(loaders).load(token.organizationId) : null;
  }
}
