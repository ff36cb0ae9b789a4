import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { PublicEventsModule } from '../public-events/public-events.module';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookSender } from './webhook-sender';
import { WebhookDeliveryResolver, WebhooksResolver } from './webhooks.resolver';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks (issue 26): endpoints registered by ADMINs and NGO users, a `webhooks` consumer of
 * public events that writes one delivery per endpoint and event, and the signed, retried POSTs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookAttempt]), PublicEventsModule, NotificationsModule],
  providers: [WebhooksRepository, WebhookSender, WebhookDeliveriesService, WebhooksService, WebhooksResolver, WebhookDeliveryResolver],
  exports: [WebhooksService, WebhookDeliveriesService, WebhookSender],
})
export class WebhooksModule {}
