import type { INestApplication } from '@nestjs/common';
import { Client, createClient } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/** The ws:// address of an app's /graphql (the app must be listening). */
export function subscriptionUrl(app: INestApplication): string {
  const address = app.getHttpServer().address() as AddressInfo;
  return `ws://127.0.0.1:${address.port}/graphql`;
}

export interface ClosedWith {
  code: number;
  reason: string;
}

/** graphql-ws's own client over `ws`; `authorization` goes in connectionParams, as a browser client sends it. */
export function liveClient(url: string, authorization?: string): Client & { closed: Promise<ClosedWith> } {
  let closedWith: (value: ClosedWith) => void = () => undefined;
  const closed = new Promise<ClosedWith>((resolve) => (closedWith = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: authorization ? { authorization } : {},
    on: { closed: (event) => closedWith({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    // A refused connection is an outcome the tests look at, not an uncaught error.
    onNonLazyError: () => undefined,
  });
  return Object.assign(client, { closed });
}

export interface GraphqlErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** One subscription's messages as they come, its errors, and whether it ended. */
export interface Received<T> {
  data: T[];
  errors: GraphqlErrorLike[][];
  completed: boolean;
  stop: () => void;
}

export function collect<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}): Received<T> {
  const received: Received<T> = { data: [], errors: [], completed: false, stop: () => undefined };
  received.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        if (message.errors) received.errors.push(message.errors as GraphqlErrorLike[]);
        if (message.data) received.data.push(message.data);
      },
      error: (error) => {
        received.errors.push(Array.isArray(error) ? (error as GraphqlErrorLike[]) : [{ message: String((error as Error).message ?? error) }]);
        received.completed = true;
      },
      complete: () => {
        received.completed = true;
      },
    },
  );
  return received;
}

export async function until(done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
