import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { OptionalText } from '../../common/validation/decorators';
import { PUBLIC_EVENT_TYPES, PublicEventType } from '../../public-events/public-event';

/** An endpoint's URL length limit (the column's). */
export const WEBHOOK_URL_MAX = 2000;
/** An endpoint's description length limit (the column's). */
export const WEBHOOK_DESCRIPTION_MAX = 500;

/** An endpoint URL's shape; where it leads (public addresses, https) is checked by the service. */
function WebhookUrl(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MaxLength(WEBHOOK_URL_MAX),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '$property must be an http(s) URL' }),
  );
}

@InputType({ description: 'A new webhook endpoint' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where deliveries are POSTed: https, on a public address (see docs/api.md, Webhooks)' })
  @WebhookUrl()
  url: string;

  @Field(() => String, { nullable: true, description: 'What it is for (up to 500 characters)' })
  @OptionalText(WEBHOOK_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => [PublicEventType], { description: 'The events it receives (at least one)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(PUBLIC_EVENT_TYPES.length)
  @ArrayUnique()
  @IsEnum(PublicEventType, { each: true })
  eventTypes: PublicEventType[];

  @Field(() => ID, {
    nullable: true,
    description: "ADMIN: the NGO organisation that will own it, or null for the secretariat's own; an NGO caller's endpoints are always its organisation's",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint (fields left out stay as they are)' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint to change' })
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true, description: 'A new URL (checked as at registration)' })
  @IsOptional()
  @WebhookUrl()
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Blank clears it' })
  @OptionalText(WEBHOOK_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => [PublicEventType], { nullable: true, description: 'The events it receives from now on (at least one)' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(PUBLIC_EVENT_TYPES.length)
  @ArrayUnique()
  @IsEnum(PublicEventType, { each: true })
  eventTypes?: PublicEventType[] | null;

  @Field(() => Boolean, { nullable: true, description: 'false disables it; true enables it again and clears its failure record' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}
