import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Actor } from './actor';

/** The request as the AuthGuard leaves it. */
export type AuthenticatedRequest = Request & { actor?: Actor };

export function requestOf(ctx: ExecutionContext): AuthenticatedRequest {
  return ctx.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(ctx).getContext<{ req: AuthenticatedRequest }>().req
    : ctx.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The authenticated actor of this request (set by the AuthGuard), in resolvers and controllers. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw new Error('CurrentActor used on an operation the AuthGuard did not authenticate');
  return actor;
});
