import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertOrganizationFitsRole } from '../auth/organization-roles';
import { Role } from '../auth/role.enum';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import type { Connection } from '../common/pagination/connection.type';
import type { PageArgs } from '../common/pagination/page.args';
import { JobQueue } from '../jobs/job-queue';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './dto/webhook-endpoint.inputs';
import { WEBHOOK_DELIVER_TASK, type DeliverJob } from './webhook-deliveries.service';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookSender } from './webhook-sender';
import { type EndpointOwnerFilter, WebhooksRepository } from './webhooks.repository';

/** A new signing secret: `whsec_` and 32 random bytes in base64 (the Standard Webhooks form). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** An endpoint as the audit trail keeps it: never its secret. */
function audited(endpoint: WebhookEndpoint): Omit<WebhookEndpoint, 'secret' | 'organization'> {
  const { secret: _secret, organization: _organization, ...rest } = endpoint;
  return rest;
}

/** Which endpoints an actor manages: ADMIN all of them, an NGO user or token its organisation's; nobody else any. */
export function endpointOwnerOf(actor: Pick<Actor, 'role' | 'organizationId'>): EndpointOwnerFilter {
  if (actor.role === Role.ADMIN) return { all: true };
  if (actor.role === Role.NGO && actor.organizationId) return { all: false, organizationId: actor.organizationId };
  throw new DomainError(ErrorCode.FORBIDDEN, 'webhooks are managed by ADMINs and, for their own organisation, NGO users', { reason: 'NOT_A_WEBHOOK_OWNER' });
}

function mayManage(owner: EndpointOwnerFilter, endpoint: WebhookEndpoint): boolean {
  return owner.all || endpoint.organizationId === owner.organizationId;
}

/**
 * Webhook endpoints: registered by ADMINs (the secretariat's, or for an NGO organisation) and by
 * NGO users for their own organisation. Every write is audited in its transaction, without the
 * secret, which is returned only by create and rotate.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor): Promise<WebhookEndpoint[]> {
    return this.repository.listEndpoints(endpointOwnerOf(actor));
  }

  /** An endpoint the actor manages; NOT_FOUND for one it does not (its existence is not told). */
  async get(id: string, actor: Actor): Promise<WebhookEndpoint> {
    const owner = endpointOwnerOf(actor);
    if (!isUUID(id)) throw DomainError.badInput('id', 'must be a UUID');
    const endpoint = await this.repository.endpoint(id);
    if (!endpoint || !mayManage(owner, endpoint)) throw DomainError.notFound('WebhookEndpoint', id);
    return endpoint;
  }

  deliveries(endpoint: WebhookEndpoint, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    return this.repository.deliveries(endpoint.id, args);
  }

  /** An endpoint's latest deliveries with their attempts (the page's log), and how many there are in all. */
  async deliveryLog(endpoint: WebhookEndpoint, first: number): Promise<{ deliveries: WebhookDelivery[]; attempts: Map<string, WebhookAttempt[]>; total: number }> {
    const page = await this.repository.deliveries(endpoint.id, { first });
    const deliveries = page.edges.map((edge) => edge.node);
    const loader = this.repository.attemptsByDelivery(new LoaderRegistry());
    const attempts = await loader.loadMany(deliveries.map((d) => d.id));
    return {
      deliveries,
      attempts: new Map(deliveries.map((d, i) => [d.id, attempts[i] instanceof Error ? [] : attempts[i]])),
      total: page.totalCount,
    };
  }

  async create(input: CreateWebhookEndpointInput, actor: Actor): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
    const owner = endpointOwnerOf(actor);
    const organizationId = owner.all ? (input.organizationId ?? null) : owner.organizationId;
    if (!owner.all && input.organizationId && input.organizationId !== owner.organizationId) {
      throw new DomainError(ErrorCode.FORBIDDEN, "an NGO registers endpoints for its own organisation only", { reason: 'OTHER_ORGANIZATION' });
    }
    await this.assertDestination(input.url);
    const secret = generateWebhookSecret();
    const endpoint = await this.repository.transaction(async (tx) => {
      await assertOrganizationFitsRole(tx, Role.NGO, organizationId);
      const saved = await this.repository.insertEndpoint(tx, {
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        organizationId,
        secret,
      });
      await this.audit.record(tx, { actor, action: 'webhookEndpoint.create', entityType: 'WebhookEndpoint', entityId: saved.id, before: null, after: audited(saved) });
      return saved;
    });
    return { secret, endpoint };
  }

  /** Changes an endpoint; `active: true` on a disabled one enables it again with a clean failure record. */
  async update(input: UpdateWebhookEndpointInput, actor: Actor): Promise<WebhookEndpoint> {
    await this.get(input.id, actor);
    if (input.url != null) await this.assertDestination(input.url);
    return this.repository.transaction(async (tx) => {
      const endpoint = await this.lockManaged(tx, input.id, actor);
      const before = audited(endpoint);
      if (input.url != null) endpoint.url = input.url;
      if (input.description !== undefined) endpoint.description = input.description ?? '';
      if (input.eventTypes != null) endpoint.eventTypes = input.eventTypes;
      if (input.active === true && !endpoint.active) {
        Object.assign(endpoint, { active: true, disabledAt: null, disabledReason: null, failingSince: null });
      } else if (input.active === false && endpoint.active) {
        Object.assign(endpoint, { active: false, disabledAt: this.clock.now(), disabledReason: `disabled by ${actor.name}` });
        await this.repository.giveUpPending(tx, endpoint.id);
      }
      const saved = await this.repository.saveEndpoint(tx, endpoint);
      await this.audit.record(tx, { actor, action: 'webhookEndpoint.update', entityType: 'WebhookEndpoint', entityId: saved.id, before, after: audited(saved) });
      return saved;
    });
  }

  /** A new secret (returned once); the old one stops signing at once. */
  async rotateSecret(id: string, actor: Actor): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
    await this.get(id, actor);
    const secret = generateWebhookSecret();
    const endpoint = await this.repository.transaction(async (tx) => {
      const endpoint = await this.lockManaged(tx, id, actor);
      endpoint.secret = secret;
      const saved = await this.repository.saveEndpoint(tx, endpoint);
      // The secret itself is never in the trail: the entry says only that it changed.
      await this.audit.record(tx, {
        actor,
        action: 'webhookEndpoint.rotateSecret',
        entityType: 'WebhookEndpoint',
        entityId: id,
        before: null,
        after: { secretRotated: true },
      });
      return saved;
    });
    return { secret, endpoint };
  }

  async delete(id: string, actor: Actor): Promise<WebhookEndpoint> {
    await this.get(id, actor);
    return this.repository.transaction(async (tx) => {
      const endpoint = await this.lockManaged(tx, id, actor);
      await this.repository.deleteEndpoint(tx, id);
      await this.audit.record(tx, { actor, action: 'webhookEndpoint.delete', entityType: 'WebhookEndpoint', entityId: id, before: audited(endpoint), after: null });
      return endpoint;
    });
  }

  /** Sends a delivery again (same webhook-id, one attempt, logged like the others) from a new job; `endpointId`: it must be that endpoint's. */
  async redeliver(deliveryId: string, actor: Actor, endpointId: string | null = null): Promise<WebhookDelivery> {
    if (!isUUID(deliveryId)) throw DomainError.badInput('deliveryId', 'must be a UUID');
    const delivery = await this.repository.delivery(deliveryId);
    // From an endpoint's page, the delivery must be that endpoint's.
    if (!delivery || (endpointId !== null && delivery.endpointId !== endpointId)) throw DomainError.notFound('WebhookDelivery', deliveryId);
    const endpoint = await this.get(delivery.endpointId, actor).catch(() => {
      throw DomainError.notFound('WebhookDelivery', deliveryId);
    });
    if (!endpoint.active) throw DomainError.badInput('deliveryId', 'its endpoint is disabled: enable it first', { reason: 'ENDPOINT_DISABLED' });
    return this.repository.transaction(async (tx) => {
      await this.repository.markPending(tx, deliveryId);
      await this.jobs.enqueueInTransaction(tx, WEBHOOK_DELIVER_TASK, { deliveryId, redelivery: true } satisfies DeliverJob, {
        // Its own key: a redelivery is not swallowed by the delivery's retry still waiting.
        jobKey: `webhook-redelivery:${deliveryId}`,
        maxAttempts: 1,
      });
      await this.audit.record(tx, { actor, action: 'webhookDelivery.redeliver', entityType: 'WebhookDelivery', entityId: deliveryId, before: null, after: null });
      return Object.assign(delivery, { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: null });
    });
  }

  private async lockManaged(tx: EntityManager, id: string, actor: Actor): Promise<WebhookEndpoint> {
    const endpoint = await this.repository.endpoint(id, tx);
    if (!endpoint || !mayManage(endpointOwnerOf(actor), endpoint)) throw DomainError.notFound('WebhookEndpoint', id);
    return endpoint;
  }

  private async assertDestination(url: string): Promise<void> {
    const problem = await this.sender.destinationProblem(url);
    if (problem) throw DomainError.badInput('url', problem, { reason: 'WEBHOOK_DESTINATION_REFUSED' });
  }
}
