import { Controller, Get, Param, Post, Query, Redirect, UseFilters, UseInterceptors } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { NotificationsService } from '../../notifications/notifications.service';
import { NotificationsPage } from './notifications.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffView } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';

/** `/work/notifications`: the signed-in person's notifications; POST forms mark one or all read (PRG). */
@Controller('work/notifications')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class NotificationsPageController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(...READERS)
  async list(@CurrentActor() actor: Actor, @Query('read') read?: string): Promise<StaffView> {
    const notifications = actor.userId ? await this.notifications.list(actor.userId) : [];
    return new StaffView((ctx, stylesheetHref) => NotificationsPage({ ctx, stylesheetHref, notifications, markedRead: read === '1' }));
  }

  @Post('read')
  @Roles(...READERS)
  @Redirect('', 303)
  async markAllRead(@CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.notifications.markAllRead(personOf(actor));
    return { url: '/work/notifications?read=1' };
  }

  @Post(':id/read')
  @Roles(...READERS)
  @Redirect('', 303)
  async markRead(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    // Another person's notification is as absent as one that does not exist.
    if (!isUUID(id) || !(await this.notifications.markRead(personOf(actor), id))) {
      throw new DomainError(ErrorCode.NOT_FOUND, `Notification ${id} does not exist`, { field: 'id', id });
    }
    return { url: '/work/notifications?read=1' };
  }
}

/** Only people have notifications: a token without a person is refused. */
function personOf(actor: Actor): string {
  if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'notifications belong to a signed-in person', { reason: 'NOT_A_PERSON' });
  return actor.userId;
}
