import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { LoaderRegistry } from './loaders/loader-registry';

/** What every resolver can find in the GraphQL context. */
export interface GraphqlContext {
  req: Request;
  res?: Response;
  loaders: LoaderRegistry;
}

/** The per-request DataLoader registry, for `@ResolveField`s. */
export const Loaders = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): LoaderRegistry =>
    GqlExecutionContext.create(ctx).getContext<GraphqlContext>().loaders,
);
