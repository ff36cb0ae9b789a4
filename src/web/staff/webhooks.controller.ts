import { Controller, Get, HttpCode, Param, Post, Query, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { OrganizationKind } from '../../organizations/organization-kind.enum';
import { OrganizationsService } from '../../organizations/organizations.service';
import { WebhooksService } from '../../webhooks/webhooks.service';
import type { MessageKey } from '../admin/message-key';
import { FormBody } from '../forms/form-body';
import type { FieldErrors } from '../forms/field-errors';
import { FormProblem, FormValues, valueOf } from '../forms/form-invalid';
import { ShownOncePage } from './account.views';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { WebhookEndpointForm } from './webhooks.forms';
import { WebhookEndpointPage, WebhooksPage } from './webhooks.views';

/** How many of an endpoint's latest deliveries its page shows. */
const LOG_SIZE = 50;

const DONE: Record<string, MessageKey> = {
  deleted: 'staff.webhooks.done.deleted',
  disabled: 'staff.webhooks.done.disabled',
  enabled: 'staff.webhooks.done.enabled',
  redelivered: 'staff.webhooks.done.redelivered',
};

const ERRORS: Record<string, MessageKey> = {
  url: 'staff.webhooks.error.url',
  description: 'staff.webhooks.error.description',
  eventTypes: 'staff.webhooks.error.eventTypes',
  organizationId: 'staff.webhooks.error.organizationId',
};

/**
 * Webhook pages, in two places with the same handlers: /admin/webhooks for ADMINs (every endpoint,
 * registered for the secretariat or an NGO) and /work/webhooks for NGO users (their organisation's).
 * Each area is for its role only; WebhooksService scopes what either may see and change.
 */
@Controller(['admin/webhooks', 'work/webhooks'])
@Roles(Role.ADMIN, Role.NGO)
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class WebhookPagesController implements FormPageController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  list(@Req() req: StaffRequest, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    return this.listPage(req, actor, {}, [], done && DONE[done] ? DONE[done] : null);
  }

  @Post()
  @HttpCode(200)
  async create(@Req() req: StaffRequest, @FormBody() form: WebhookEndpointForm, @CurrentActor() actor: Actor): Promise<StaffView> {
    const base = areaOf(req, actor);
    const { secret, endpoint } = await this.webhooks.create(form, actor);
    return this.secretPage(base, endpoint.id, endpoint.url, secret, 'created');
  }

  @Get(':id')
  async show(@Req() req: StaffRequest, @Param('id') id: string, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    const base = areaOf(req, actor);
    const endpoint = await this.webhooks.get(id, actor);
    const log = await this.webhooks.deliveryLog(endpoint, LOG_SIZE);
    const success = done && DONE[done] ? DONE[done] : null;
    return new StaffView((ctx, stylesheetHref) =>
      WebhookEndpointPage({ ctx, stylesheetHref, base, endpoint, ...log, success: success ? ctx.t(success) : null }),
    );
  }

  @Post(':id/disable')
  @Redirect('', 303)
  async disable(@Req() req: StaffRequest, @Param('id') id: string, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const base = areaOf(req, actor);
    await this.webhooks.update({ id, active: false }, actor);
    return { url: `${base}/${id}?done=disabled` };
  }

  @Post(':id/enable')
  @Redirect('', 303)
  async enable(@Req() req: StaffRequest, @Param('id') id: string, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const base = areaOf(req, actor);
    await this.webhooks.update({ id, active: true }, actor);
    return { url: `${base}/${id}?done=enabled` };
  }

  @Post(':id/rotate')
  @HttpCode(200)
  async rotate(@Req() req: StaffRequest, @Param('id') id: string, @CurrentActor() actor: Actor): Promise<StaffView> {
    const base = areaOf(req, actor);
    const { secret, endpoint } = await this.webhooks.rotateSecret(id, actor);
    return this.secretPage(base, endpoint.id, endpoint.url, secret, 'rotated');
  }

  @Post(':id/delete')
  @Redirect('', 303)
  async delete(@Req() req: StaffRequest, @Param('id') id: string, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const base = areaOf(req, actor);
    await this.webhooks.delete(id, actor);
    return { url: `${base}?done=deleted` };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @Redirect('', 303)
  async redeliver(@Req() req: StaffRequest, @Param('id') id: string, @Param('deliveryId') deliveryId: string, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const base = areaOf(req, actor);
    // The delivery must be this endpoint's (the service checks the actor may manage it).
    await this.webhooks.get(id, actor);
    await this.webhooks.redeliver(deliveryId, actor, id);
    return { url: `${base}/${id}?done=redelivered` };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new DomainError(ErrorCode.FORBIDDEN, 'the webhook pages are for signed-in people');
    return this.listPage(req, req.actor, values, problems, null);
  }

  private async listPage(req: StaffRequest, actor: Actor, values: FormValues, problems: FormProblem[], success: MessageKey | null): Promise<StaffView> {
    const base = areaOf(req, actor);
    const [endpoints, organizations] = await Promise.all([
      this.webhooks.list(actor),
      actor.role === Role.ADMIN ? this.organizations.list().then((all) => all.filter((o) => o.kind === OrganizationKind.NGO)) : Promise.resolve(null),
    ]);
    const eventTypes = values.eventTypes;
    const draft = {
      url: valueOf(values, 'url'),
      description: valueOf(values, 'description'),
      eventTypes: Array.isArray(eventTypes) ? eventTypes : eventTypes ? [eventTypes] : [],
      organizationId: valueOf(values, 'organizationId'),
    };
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(problems.map((problem) => [problem.control, ctx.t(ERRORS[problem.control] ?? 'staff.webhooks.error.url')]));
      return WebhooksPage({ ctx, stylesheetHref, base, endpoints, organizations, errors, draft, success: success ? ctx.t(success) : null });
    });
  }

  private secretPage(base: string, id: string, url: string, secret: string, what: 'created' | 'rotated'): StaffView {
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t(what === 'created' ? 'staff.webhooks.createdTitle' : 'staff.webhooks.rotatedTitle'),
        intro: ctx.t(what === 'created' ? 'staff.webhooks.createdIntro' : 'staff.webhooks.rotatedIntro', { url }),
        secret,
        label: ctx.t('staff.webhooks.secretLabel'),
        back: { href: `${base}/${id}`, label: url },
      }),
    );
  }
}

/** The area a request is in (/admin/webhooks or /work/webhooks), refused to the other role. */
function areaOf(req: StaffRequest, actor: Actor): string {
  const admin = req.path.startsWith('/admin/');
  if (admin !== (actor.role === Role.ADMIN)) {
    throw new DomainError(ErrorCode.FORBIDDEN, admin ? 'the admin pages are for ADMINs' : "an NGO's webhook pages are for its users", { reason: 'WRONG_AREA' });
  }
  return admin ? '/admin/webhooks' : '/work/webhooks';
}
