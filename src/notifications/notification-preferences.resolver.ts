import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { NotificationPreferenceView, SetNotificationPreferenceInput } from './dto/notification-preference.types';
import { NotificationsService } from './notifications.service';

/** A person's mail choices per kind of notification (a person's session or personal token; shared tokens are refused). */
@Resolver(() => NotificationPreferenceView)
export class NotificationPreferencesResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Query(() => [NotificationPreferenceView], { description: "The signed-in person's mail choice for every kind of notification (FORBIDDEN for tokens that are not a person's)" })
  @Roles(...READERS)
  notificationPreferences(@CurrentActor() actor: Actor): Promise<NotificationPreferenceView[]> {
    return this.notifications.preferences(actor);
  }

  @Mutation(() => NotificationPreferenceView, { description: "Sets how one kind of notification reaches the signed-in person by mail (FORBIDDEN for tokens that are not a person's)" })
  @Roles(...READERS)
  async setNotificationPreference(
    @Args('input', { description: 'The kind and the choice' }) input: SetNotificationPreferenceInput,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationPreferenceView> {
    const all = await this.notifications.setPreferences(actor, [input]);
    return all.find((p) => p.kind === input.kind)!;
  }
}
