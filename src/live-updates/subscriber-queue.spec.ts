import { GraphQLError } from 'graphql';
import { SubscriberQueue } from './subscriber-queue';

describe('SubscriberQueue', () => {
  it('hands out events in order, to a reader already waiting and from the queue', async () => {
    const queue = new SubscriberQueue<number>(10, () => undefined);
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
    expect(queue.length).toBe(0);
  });

  it('ends a subscriber that falls more than its capacity behind with TOO_MANY_REQUESTS, dropping what waited', async () => {
    const ended = jest.fn();
    const queue = new SubscriberQueue<number>(2, ended);
    queue.push(1);
    queue.push(2);
    expect(ended).not.toHaveBeenCalled();
    queue.push(3);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(queue.length).toBe(0);
    const failure = await queue.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).extensions).toEqual({ code: 'TOO_MANY_REQUESTS', subcode: 'SLOW_SUBSCRIBER' });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    queue.push(4);
    expect(queue.length).toBe(0);
  });

  it('checks access before each event and ends with the refusal, sending nothing more', async () => {
    let allowed = true;
    const ended = jest.fn();
    const refusal = new GraphQLError('revoked', { extensions: { code: 'UNAUTHENTICATED' } });
    const queue = new SubscriberQueue<number>(10, ended, async () => {
      if (!allowed) throw refusal;
    });
    queue.push(1);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    allowed = false;
    queue.push(2);
    await expect(queue.next()).rejects.toBe(refusal);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('resolves a waiting reader as done when the client completes, and unregisters once', async () => {
    const ended = jest.fn();
    const queue = new SubscriberQueue<number>(10, ended);
    const waiting = queue.next();
    await queue.return();
    await queue.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
