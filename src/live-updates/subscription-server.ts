import { Injectable } from '@nestjs/common';
import {
  DocumentNode,
  ExecutionArgs,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  MaxIntrospectionDepthRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode, type Context, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { READERS } from '../auth/role.enum';
import { ErrorFilter } from '../common/errors/error.filter';
import { ErrorCode } from '../common/errors/error-codes';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { AppConfig } from '../config/app-config.service';
import { formatError } from '../graphql/format-error';
import type { ListLengths } from '../graphql/list-bounds';
import { chargeOperation } from '../graphql/operation-rate-limit.plugin';
import { operationLimitError, QueryLimits } from '../graphql/query-limits.plugin';
import { ContentLocaleService } from '../i18n/content-locales';
import { connectionRequest, LiveConnection } from './live-connection';
import type { LiveContext } from './live-context';

/** What graphql-ws hands the hooks: its context with our connection beside the socket and upgrade request. */
type LiveExtra = Extra & { connection?: LiveConnection };
type WsContext = Context<Record<string, unknown> | undefined, LiveExtra>;

/** WebSocket close reasons are at most 123 bytes. */
const MAX_CLOSE_REASON = 120;

/** The throttler writes its headers here; a WebSocket has no response to carry them. */
const NO_RESPONSE = { header: () => undefined };

/** What the GraphQL options give the subscription server (the same limits as queries). */
export interface SubscriptionLimits {
  limits: QueryLimits;
  listLengths: () => Promise<ListLengths>;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws's `graphql-transport-ws` protocol) on
 * /graphql, beside POST/GET /graphql, with the same rules as the HTTP API:
 * - connection_init: the caller is identified by `connectionParams.authorization`
 *   ("Bearer <token>", else the upgrade request's Authorization header) through the AuthGuard,
 *   as a query would be; without one, anonymously only under PUBLIC_READ. A refused caller's
 *   socket is closed 4401 (UNAUTHENTICATED) or 4403 (FORBIDDEN), the code in the reason.
 * - subscribe: only subscription operations (queries and mutations go to HTTP, where the
 *   response cache, primary routing and the rest apply); validated, then held to the same
 *   depth, cost and root-field limits, and charged one operation of the rate limit. The field's
 *   own @Roles are checked by the AuthGuard when the subscription starts.
 * - every event: the caller's access is checked again before it is sent (LiveConnection).
 * Errors leave as from HTTP: a contract code, no stack (formatError, the ErrorFilter).
 */
@Injectable()
export class SubscriptionServer {
  private schema: GraphQLSchema | null = null;
  private readonly filter = new ErrorFilter();

  constructor(
    private readonly config: AppConfig,
    private readonly authGuard: AuthGuard,
    private readonly rateLimit: RateLimitGuard,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /** The executable schema, as the HTTP API runs it (set from the GraphQL options' transformSchema). */
  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
  }

  /** graphql-ws's server options, for @nestjs/graphql's `subscriptions: { 'graphql-ws': … }`. */
  options({ limits, listLengths }: SubscriptionLimits): ServerOptions<Record<string, unknown> | undefined, LiveExtra> {
    const production = this.config.isProduction;
    const recheckMs = this.config.get('SUBSCRIPTION_ACCESS_RECHECK_SECONDS') * 1000;
    const trustedProxies = this.config.get('TRUST_PROXY');
    const identify = (req: AuthenticatedRequest) => this.authGuard.identify(req, [...READERS], false);
    const toClientError = (error: unknown, req: AuthenticatedRequest) => this.filter.toGraphqlError(error, req);
    const format = (errors: readonly GraphQLError[], req: AuthenticatedRequest | undefined): GraphQLFormattedError[] =>
      errors.map((error) => formatError(this.clientError(error, req).toJSON(), production));

    return {
      onConnect: async (ctx: WsContext) => {
        const params = ctx.connectionParams ?? {};
        const given = params.authorization ?? params.Authorization;
        const authorization = typeof given === 'string' ? given : (ctx.extra.request.headers.authorization ?? undefined);
        const req = connectionRequest(ctx.extra.request, authorization, trustedProxies);
        try {
          const actor = await identify(req);
          ctx.extra.connection = new LiveConnection({ ...req, actor } as AuthenticatedRequest & { actor: typeof actor }, identify, toClientError, recheckMs);
          return true;
        } catch (error) {
          const answer = toClientError(error, req);
          const code = answer.extensions.code === ErrorCode.UNAUTHENTICATED ? CloseCode.Unauthorized : CloseCode.Forbidden;
          ctx.extra.socket.close(code, `${String(answer.extensions.code)}: ${answer.message}`.slice(0, MAX_CLOSE_REASON));
          return false;
        }
      },

      onSubscribe: async (ctx: WsContext, _id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const connection = ctx.extra.connection;
        if (!connection || !this.schema) return [badInput('the connection is not initialised')];
        try {
          await connection.ensureAllowed();
        } catch (error) {
          return [this.clientError(error as GraphQLError, connection.req)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [badInput((error as Error).message)];
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [badInput('name the operation to run (operationName)')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [badInput(`only subscriptions are served over WebSocket; send a ${operation.operation} to POST /graphql`)];
        }
        const invalid = validate(this.schema, document, [...specifiedRules, MaxIntrospectionDepthRule]);
        if (invalid.length) return invalid.map((error) => badInput(error.message));
        const variables = payload.variables ?? {};
        const tooComplex = operationLimitError(limits, await listLengths(), this.schema, document, operation.selectionSet, variables, payload.operationName ?? undefined);
        if (tooComplex) return [tooComplex];
        try {
          await chargeOperation(this.rateLimit, connection.req, NO_RESPONSE);
        } catch (error) {
          return [toClientError(error, connection.req)];
        }
        const contextValue: LiveContext = {
          req: connection.req,
          loaders: new LoaderRegistry(),
          content: this.contentLocales.forRequest(connection.req.headers['accept-language']),
          connection,
        };
        return { schema: this.schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
      },

      // Resolver failures as the HTTP API answers them (see fieldErrorsPlugin and formatError).
      onNext: (ctx: WsContext, _id, _payload, _args, result: ExecutionResult) =>
        result.errors?.length ? { ...result, errors: format(result.errors, ctx.extra.connection?.req) } : undefined,
      onError: (ctx: WsContext, _id, _payload, errors: readonly GraphQLError[]) => format(errors, ctx.extra.connection?.req),
    };
  }

  /** A resolver's or the stream's failure as the ErrorFilter answers it (a DomainError keeps its code). */
  private clientError(error: GraphQLError, req: AuthenticatedRequest | undefined): GraphQLError {
    const original = error.originalError;
    if (!original || original instanceof GraphQLError && original === error) return error;
    const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
    if (cause instanceof GraphQLError) return new GraphQLError(cause.message, { path: error.path, nodes: error.nodes, extensions: cause.extensions });
    const answer = this.filter.toGraphqlError(cause, req);
    return new GraphQLError(answer.message, { path: error.path, nodes: error.nodes, extensions: answer.extensions });
  }
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}
