import type { ApolloDriverConfig } from '@nestjs/apollo';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse, type HTTPGraphQLHead } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { OperationTypeNode } from 'graphql';
import { GraphqlContext } from '../common/graphql-context';
import { DataVersionService } from '../data-version/data-version.service';
import { readFromPrimary } from '../database/read-routing';
import { AnswerLabeller, DATA_VERSION_HEADER, etagMatches, Label } from './answer-labeller';
import { ResponseCacheService } from './response-cache.service';

export { DATA_VERSION_HEADER, MIN_DATA_VERSION_HEADER, readScope } from './answer-labeller';

type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Query answers that cost nothing while nothing changed. Before executing a query it labels
 * the request (AnswerLabeller); the label is the ETag, so If-None-Match answers 304 without
 * executing, and it is the response cache's key, so a warm entry answers without executing.
 * Only error-free answers are stored. Mutations answer with the version they made
 * (x-data-version); a client that sends it back (x-min-data-version) is never answered from an
 * older version: when the replica's version is behind, version and data come from the primary.
 * Most repeated requests are answered before Apollo by EarlyAnswerMiddleware, with the same
 * rules; this plugin answers the others and teaches the middleware the operations it labels.
 */
@Injectable()
export class ResponseCachePlugin {
  constructor(
    private readonly cache: ResponseCacheService,
    private readonly versions: DataVersionService,
    private readonly labeller: AnswerLabeller,
  ) {}

  plugin(): Plugin {
    const plugin: ApolloServerPlugin<GraphqlContext> = {
      requestDidStart: async () => {
        let labelled: Label | null = null;
        let hit = false;
        let mutation = false;
        return {
          responseForOperation: async (requestContext) => {
            const { operation, request, contextValue, queryHash } = requestContext;
            // No operation when operationName names none in the document: Apollo's execution answers that.
            if (operation?.operation !== OperationTypeNode.QUERY) {
              mutation = operation?.operation === OperationTypeNode.MUTATION;
              return null;
            }
            if (!this.cache.enabled || !queryHash) return null;
            const operationName = request.operationName ?? null;
            // The content locale the answer is written in, negotiated once for the request (GraphqlContext.content).
            const locale = contextValue.content.locale;
            labelled = await this.labeller.label(contextValue.req, { queryHash, operationName, variables: request.variables, locale }, contextValue.loaders);
            if (!labelled) return null;
            const rootFields = operation.selectionSet.selections.length;
            this.cache.rememberOperation(queryHash, operationName, { rootFields });
            const head: HTTPGraphQLHead = { status: undefined, headers: new HeaderMap() };
            const revalidated = etagMatches(request.http?.headers.get('if-none-match'), labelled.etag);
            const cached = revalidated ? undefined : await this.cache.get(labelled.key, labelled.version);
            if (!revalidated && !cached) return null;
            // An answer without executing was already counted against the caller's rate limit (operationRateLimitPlugin).
            hit = true;
            if (!cached) {
              head.status = 304;
              return { http: head, body: { kind: 'single', singleResult: {} } } satisfies GraphQLResponse;
            }
            return { http: head, body: { kind: 'single', singleResult: this.cache.resultOf(cached) } } satisfies GraphQLResponse;
          },
          willSendResponse: async ({ response }) => {
            if (mutation) {
              if (!this.cache.enabled) return;
              // The version the write produced, from the primary (a replica may not have it yet); from
              // memory when listening, which the write's commit has already advanced (DataVersionService).
              const primary = {};
              readFromPrimary(primary);
              response.http.headers.set(DATA_VERSION_HEADER, (await this.versions.current(primary)).version);
              return;
            }
            const label = labelled;
            if (!label) return;
            const body = response.body;
            const answered = response.http.status === 304;
            const clean = body.kind === 'single' && !body.singleResult.errors?.length && (response.http.status ?? 200) === 200;
            // Errors are never labelled nor cached: they stay no-store (cache-control.plugin.ts).
            if (!answered && !clean) return;
            // Headers first, before any await: the no-store default runs alongside this hook.
            for (const [name, value] of this.labeller.headers(label)) response.http.headers.set(name, value);
            if (clean && !hit && body.kind === 'single') await this.cache.set(label.key, label.version, body.singleResult);
          },
        };
      },
    };
    return plugin as unknown as Plugin;
  }
}
