import { CreateWebhookEndpointInput } from '../../webhooks/dto/webhook-endpoint.inputs';
import { BlankAsNull, formShape, ListControl } from '../forms/form-controls';

/** The new-endpoint form: createWebhookEndpoint's input (events as checkboxes; a blank organisation is the secretariat's). */
export class WebhookEndpointForm extends CreateWebhookEndpointInput {}
formShape(WebhookEndpointForm, {
  eventTypes: ListControl(),
  organizationId: BlankAsNull(),
});
