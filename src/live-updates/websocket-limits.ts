import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { WebSocketServer } from 'ws';
import { AppConfig } from '../config/app-config.service';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** REQUEST_BODY_LIMIT ("100kb") in bytes. */
export function limitInBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/.exec(limit);
  if (!match) throw new Error(`not a size: ${limit}`);
  return Number(match[1]) * UNITS[match[2]];
}

/**
 * A WebSocket message is held to REQUEST_BODY_LIMIT, as an HTTP body is: a larger one closes the
 * connection (1009) before it is buffered whole. `ws` would take 100 MiB, and @nestjs/graphql
 * creates its WebSocketServer without a way to say otherwise, so the limit is set on it once the
 * GraphQL module has started it (read at each upgrade).
 */
@Injectable()
export class WebSocketLimits implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebSocketLimits');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    // A context without an HTTP server (the CLIs, the benchmarks' in-process instances) serves no WebSocket.
    if (!this.adapterHost.httpAdapter) return;
    const graphql = this.moduleRef.get(GraphQLModule, { strict: false });
    const driver = graphql.graphQlAdapter as unknown as { _subscriptionService?: { wss?: WebSocketServer } };
    const wss = driver._subscriptionService?.wss;
    if (!wss) {
      this.logger.warn('no WebSocket server found on the GraphQL driver: subscription messages keep ws\'s own size limit');
      return;
    }
    wss.options.maxPayload = limitInBytes(this.config.get('REQUEST_BODY_LIMIT'));
  }
}
