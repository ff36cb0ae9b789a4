import { PublicEventType, type PublicEvent } from '../public-events/public-event';
import { webhookPayload } from './webhook-deliveries.service';

const EVENT: PublicEvent = {
  id: '6f1c1b0e-5a53-4f43-9d0c-1d4a6b4a9a01',
  type: PublicEventType.INDICATOR_VALUE_APPROVED,
  subjectType: 'IndicatorValue',
  subjectId: '0b8f0a52-8f54-4d0e-8a43-6a1ff3c0b0c2',
  recommendationId: null,
  indicatorId: '9d6f7b1e-3c1a-4a53-9a57-1e2b3c4d5e6f',
  organizationIds: ['2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d'],
  data: { versionId: 'c1c2c3c4-0000-4000-8000-000000000001', versionNumber: 2, value: 14.5 },
  occurredAt: new Date('2026-12-06T03:00:00.123Z'),
};

describe('webhook payload', () => {
  it('carries the type, the time of the event, its ids and scalars and its public page', () => {
    expect(webhookPayload({ event: EVENT, recommendationCode: null, indicatorCode: 'SOK 1.2/a' }, 'https://tracker.example.kg')).toEqual({
      type: 'indicator_value.approved',
      timestamp: '2026-12-06T03:00:00.123Z',
      data: {
        versionId: 'c1c2c3c4-0000-4000-8000-000000000001',
        versionNumber: 2,
        value: 14.5,
        eventId: EVENT.id,
        subjectType: 'IndicatorValue',
        subjectId: EVENT.subjectId,
        recommendationId: null,
        recommendationCode: null,
        indicatorId: EVENT.indicatorId,
        indicatorCode: 'SOK 1.2/a',
        organizationIds: EVENT.organizationIds,
        url: 'https://tracker.example.kg/indicators/SOK%201.2%2Fa',
      },
    });
  });

  it("links a recommendation's event to the recommendation's page, and an event without a page to none", () => {
    const transition = { ...EVENT, type: PublicEventType.RECOMMENDATION_TRANSITIONED, indicatorId: null, recommendationId: 'r' };
    expect(webhookPayload({ event: transition, recommendationCode: 'SOK-2024-01', indicatorCode: null }, 'https://t.kg').data.url).toBe('https://t.kg/recommendations/SOK-2024-01');
    expect(webhookPayload({ event: transition, recommendationCode: null, indicatorCode: null }, 'https://t.kg').data.url).toBeNull();
  });

  it('lets no event scalar replace the ids it is sent with', () => {
    const spoofing = { ...EVENT, data: { ...EVENT.data, eventId: 'other', url: 'https://evil.example' } };
    const data = webhookPayload({ event: spoofing, recommendationCode: null, indicatorCode: 'X' }, 'https://t.kg').data;
    expect(data.eventId).toBe(EVENT.id);
    expect(data.url).toBe('https://t.kg/indicators/X');
  });
});
