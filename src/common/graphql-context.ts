import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { ContentLocales } from '../i18n/content-locales';
import type { Locale } from '../i18n/locales';
import { LoaderRegistry } from './loaders/loader-registry';

/** What every resolver can find in the GraphQL context. */
export interface GraphqlContext {
  req: Request;
  res?: Response;
  loaders: LoaderRegistry;
  /** The request's content locale (negotiated once from Accept-Language) and the fallback chains. */
  content: ContentLocales;
}

/**
 * The arguments of a field that takes none. `@ResolveField` methods are written as plain
 * GraphQL resolvers, `(parent, args, context)`, without parameter decorators: @nestjs/graphql
 * then calls them directly (its fast path) instead of through Nest's per-call pipeline of
 * pipes and param factories. They run once per row of every list, hundreds of times per
 * page, where that pipeline cost about a fifth of the dashboard's throughput (docs/benchmarks.md).
 */
export type NoArgs = Record<string, never>;

/** The per-request DataLoader registry, for the field resolvers that need parameter decorators (arguments). */
export const Loaders = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): LoaderRegistry =>
    GqlExecutionContext.create(ctx).getContext<GraphqlContext>().loaders,
);

/** The request's content locale (Accept-Language, else DEFAULT_CONTENT_LOCALE), for mutations writing translatable text. */
export const RequestLocale = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Locale => GqlExecutionContext.create(ctx).getContext<GraphqlContext>().content.locale,
);
