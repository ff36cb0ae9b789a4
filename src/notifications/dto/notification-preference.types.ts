import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { NotificationKind } from '../notification-event';
import { MailDelivery } from '../notification-preference.entity';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a person is told about',
  valuesMap: {
    VALUE_SUBMITTED: { description: 'A value was submitted and waits for review (reviewers)' },
    VALUE_RETURNED: { description: 'A reviewer returned a value to its author' },
    VALUE_APPROVED: { description: 'A reviewer approved a value (its author)' },
    RECOMMENDATION_TRANSITIONED: { description: 'A recommendation moved along its lifecycle (the people responsible)' },
    REMINDER_DUE: { description: 'A due date or reporting deadline is near, or today (the people responsible)' },
    REMINDER_LATE: { description: 'A due date or reporting deadline has passed (the people responsible, weekly)' },
    ESCALATION: { description: 'Something has been late for long (the editors); cannot be turned OFF' },
    WEBHOOK_DISABLED: { description: 'A webhook endpoint failed for a day and was disabled (its owner: the NGO organisation, or the ADMINs)' },
  },
});

registerEnumType(MailDelivery, {
  name: 'NotificationDelivery',
  description: 'How notifications of a kind reach a person by mail (the application always lists them)',
  valuesMap: {
    IMMEDIATE: { description: 'One mail each, at once' },
    DAILY: { description: 'In a daily digest (at DIGEST_HOUR, APP_TIMEZONE)' },
    WEEKLY: { description: 'In a weekly digest (Mondays, at DIGEST_HOUR)' },
    OFF: { description: 'No mail (not for ESCALATION)' },
  },
});

@ObjectType('NotificationPreference', { description: "The signed-in person's mail choice for one kind of notification" })
export class NotificationPreferenceView {
  @Field(() => NotificationKind, { description: 'The kind of notification' })
  kind: NotificationKind;

  @Field(() => MailDelivery, { description: 'How it reaches the person by mail (IMMEDIATE where they chose nothing)' })
  delivery: MailDelivery;

  @Field({ description: 'False for kinds that cannot be turned OFF (ESCALATION)' })
  canTurnOff: boolean;
}

@InputType({ description: 'How notifications of one kind should reach the signed-in person by mail' })
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind of notification' })
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @Field(() => MailDelivery, { description: 'OFF is refused for ESCALATION (BAD_USER_INPUT, reason cannotTurnOff)' })
  @IsEnum(MailDelivery)
  delivery: MailDelivery;
}
