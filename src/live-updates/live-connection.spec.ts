import { GraphQLError } from 'graphql';
import type { Actor } from '../auth/actor';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { Role } from '../auth/role.enum';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { clientAddress, LiveConnection } from './live-connection';
import { matchesFilter } from './live-event-hub';
import { PublicEventType } from '../public-events/public-event';

const viewer: Actor = { tokenId: 't1', name: 'dashboard', role: Role.VIEWER, organizationId: null, requestId: 'r1' };
const toClientError = (error: unknown) =>
  error instanceof DomainError
    ? new GraphQLError(error.message, { extensions: { code: error.code } })
    : new GraphQLError('internal', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });

describe('LiveConnection', () => {
  let now = 0;
  const connection = (identify: (req: AuthenticatedRequest) => Promise<Actor>) =>
    new LiveConnection({ headers: {}, actor: viewer } as unknown as AuthenticatedRequest & { actor: Actor }, identify, toClientError, 30_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('re-identifies the caller at most once per interval, and then from the credentials, not the cached actor', async () => {
    const identify = jest.fn(async (req: AuthenticatedRequest) => {
      expect(req.actor).toBeUndefined();
      return { ...viewer, role: Role.ANALYST };
    });
    const live = connection(identify);
    await live.ensureAllowed();
    now += 29_999;
    await live.ensureAllowed();
    expect(identify).not.toHaveBeenCalled();
    now += 1;
    await Promise.all([live.ensureAllowed(), live.ensureAllowed()]);
    expect(identify).toHaveBeenCalledTimes(1);
    // The field rules see the role as it is now; the request id stays the connection's.
    expect(live.actor).toMatchObject({ role: Role.ANALYST, requestId: 'r1' });
  });

  it('refuses for good once the token is refused', async () => {
    const identify = jest.fn(async () => {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'this token has been revoked');
    });
    const live = connection(identify);
    now += 30_000;
    await expect(live.ensureAllowed()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(live.ensureAllowed()).rejects.toMatchObject({ message: 'this token has been revoked' });
    expect(identify).toHaveBeenCalledTimes(1);
  });

  it('keeps the last verdict when the check itself fails (the database away), and tries again on the next event', async () => {
    const identify = jest.fn().mockRejectedValueOnce(new Error('connection refused')).mockResolvedValueOnce(viewer);
    const live = connection(identify);
    now += 30_000;
    await live.ensureAllowed();
    await live.ensureAllowed();
    expect(identify).toHaveBeenCalledTimes(2);
  });
});

describe('matchesFilter', () => {
  const event = {
    id: 'e',
    type: PublicEventType.RECOMMENDATION_TRANSITIONED,
    subjectType: 'Recommendation' as const,
    subjectId: 'r',
    recommendationId: 'r',
    indicatorId: null,
    organizationIds: ['o1', 'o2'],
    data: {},
    occurredAt: new Date(),
  };
  const any = { types: null, recommendationId: null, indicatorId: null, organizationId: null };

  it('holds every filter given', () => {
    expect(matchesFilter(any, event)).toBe(true);
    expect(matchesFilter({ ...any, types: [PublicEventType.RECOMMENDATION_TRANSITIONED], organizationId: 'o2' }, event)).toBe(true);
    expect(matchesFilter({ ...any, types: [PublicEventType.ASSESSMENT_PUBLISHED] }, event)).toBe(false);
    expect(matchesFilter({ ...any, recommendationId: 'other' }, event)).toBe(false);
    expect(matchesFilter({ ...any, indicatorId: 'i' }, event)).toBe(false);
    expect(matchesFilter({ ...any, organizationId: 'o3' }, event)).toBe(false);
  });
});

describe('clientAddress', () => {
  const upgrade = (forwarded?: string) =>
    ({ socket: { remoteAddress: '10.0.0.1' }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as Parameters<typeof clientAddress>[0];

  it('reads X-Forwarded-For only as far back as TRUST_PROXY hops', () => {
    expect(clientAddress(upgrade('203.0.113.9, 198.51.100.2'), 0)).toBe('10.0.0.1');
    expect(clientAddress(upgrade('203.0.113.9, 198.51.100.2'), 1)).toBe('198.51.100.2');
    expect(clientAddress(upgrade('203.0.113.9, 198.51.100.2'), 2)).toBe('203.0.113.9');
    expect(clientAddress(upgrade('203.0.113.9'), 5)).toBe('203.0.113.9');
    expect(clientAddress(upgrade(), 1)).toBe('10.0.0.1');
  });
});
