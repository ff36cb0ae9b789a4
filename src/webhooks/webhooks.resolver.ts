import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './dto/webhook-endpoint.inputs';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@ObjectType({ description: "A page of an endpoint's deliveries, newest first (a Relay cursor connection)" })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery, 'WebhookDelivery') {}

@ObjectType({ description: 'A webhook endpoint with its signing secret (only in the answer that created or rotated it)' })
export class WebhookEndpointWithSecret {
  @Field({ description: 'The signing secret, whsec_…: verify deliveries with it (Standard Webhooks); shown only now' })
  secret: string;

  @Field(() => WebhookEndpoint, { description: 'The endpoint as listed from now on (without its secret)' })
  endpoint: WebhookEndpoint;
}

/** Webhook endpoints: ADMINs manage all, an NGO user or token its organisation's (see WebhooksService). */
@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookEndpoint], { description: "ADMIN: every endpoint; NGO: its organisation's" })
  @Roles(Role.ADMIN, Role.NGO)
  webhookEndpoints(@CurrentActor() actor: Actor): Promise<WebhookEndpoint[]> {
    return this.service.list(actor);
  }

  @Query(() => WebhookEndpoint, { description: "One endpoint (ADMIN: any; NGO: its organisation's, else NOT_FOUND)" })
  @Roles(Role.ADMIN, Role.NGO)
  webhookEndpoint(@Args('id', { type: () => ID, description: 'The endpoint' }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.service.get(id, actor);
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'Registers an endpoint; its secret is in this answer only (audited without it)' })
  @Roles(Role.ADMIN, Role.NGO)
  createWebhookEndpoint(@Args('input', { description: 'The endpoint to register' }) input: CreateWebhookEndpointInput, @CurrentActor() actor: Actor): Promise<WebhookEndpointWithSecret> {
    return this.service.create(input, actor);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Changes the URL, description, events, or disables / enables it again' })
  @Roles(Role.ADMIN, Role.NGO)
  updateWebhookEndpoint(@Args('input', { description: 'The endpoint and what changes' }) input: UpdateWebhookEndpointInput, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.service.update(input, actor);
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'A new signing secret (in this answer only); the old one stops at once' })
  @Roles(Role.ADMIN, Role.NGO)
  rotateWebhookEndpointSecret(@Args('id', { type: () => ID, description: 'The endpoint whose secret is replaced' }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpointWithSecret> {
    return this.service.rotateSecret(id, actor);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Deletes the endpoint with its delivery log' })
  @Roles(Role.ADMIN, Role.NGO)
  deleteWebhookEndpoint(@Args('id', { type: () => ID, description: 'The endpoint to delete' }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.service.delete(id, actor);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again, with the same webhook-id (one attempt, logged)' })
  @Roles(Role.ADMIN, Role.NGO)
  redeliverWebhook(@Args('deliveryId', { type: () => ID, description: 'The delivery to send again' }) deliveryId: string, @CurrentActor() actor: Actor): Promise<WebhookDelivery> {
    return this.service.redeliver(deliveryId, actor);
  }

  @ResolveField(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first' })
  deliveries(@Parent() endpoint: WebhookEndpoint, @Args() args: PageArgs): Promise<Connection<WebhookDelivery>> {
    return this.service.deliveries(endpoint, args);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly repository: WebhooksRepository) {}

  @ResolveField(() => [WebhookAttempt], { description: 'Its attempts, first to last' })
  attempts(delivery: WebhookDelivery, _args: NoArgs, { loaders }: GraphqlContext): Promise<WebhookAttempt[]> {
    return this.repository.attemptsByDelivery(loaders).load(delivery.id);
  }
}
