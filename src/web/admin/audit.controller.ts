import { Controller, Get, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { StaffErrorFilter } from '../staff/staff-error.filter';
import { StaffView } from '../staff/staff-pages.service';
import { StaffViewInterceptor } from '../staff/staff-view.interceptor';
import { AuditPage } from './admin.views';

const ENTITY_TYPES = ['Recommendation', 'IndicatorValue', 'Indicator', 'Meeting', 'Barrier', 'ActionPlan', 'Organization', 'Person', 'User', 'ApiToken'];

/** The audit log, for ADMIN and ANALYST: newest first, filtered by kind of record and record. */
@Controller('admin/audit')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.ADMIN, Role.ANALYST)
  async list(@Query('entityType') entityType?: string, @Query('entityId') entityId?: string, @Query('after') after?: string): Promise<StaffView> {
    const filters = {
      entityType: ENTITY_TYPES.includes(entityType ?? '') ? (entityType as string) : '',
      entityId: /^[0-9a-f-]{36}$/i.test(entityId?.trim() ?? '') ? (entityId as string).trim() : '',
    };
    const page = await this.audit.list(
      { entityType: filters.entityType || null, entityId: filters.entityId || null },
      { first: 50, after: typeof after === 'string' && after.length < 500 ? after : undefined },
    );
    const next = new URLSearchParams({ ...(filters.entityType ? { entityType: filters.entityType } : {}), ...(filters.entityId ? { entityId: filters.entityId } : {}) });
    if (page.pageInfo.endCursor) next.set('after', page.pageInfo.endCursor);
    const nextHref = page.pageInfo.hasNextPage ? `/admin/audit?${next.toString()}` : null;
    return new StaffView((ctx, stylesheetHref) =>
      AuditPage({ ctx, stylesheetHref, entries: page.edges.map((e) => e.node), entityTypes: ENTITY_TYPES, filters, nextHref, total: page.totalCount }),
    );
  }
}
