import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { GraphqlContext } from '../common/graphql-context';
import type { RecommendationPageAssembler } from './page-assembler/recommendation-page-assembler';

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: each distinct
 * operation is compiled once into a function that walks its selection directly: ~25 %
 * more throughput on the dashboard page, whose answer has ~3,200 fields (docs/benchmarks.md).
 * Validation, plugins, errors and the schema are Apollo's and Nest's as before; only the
 * execution step changes.
 *
 * Apollo Server takes a custom executor only from a "gateway", so this is one that serves
 * the schema Nest built (handed over by GraphQL options' `transformSchema`).
 */
export class CompiledExecution {
  private schema: GraphQLSchema | null = null;
  // Apollo keeps one parsed DocumentNode per query text (its bounded document store),
  // so compiled operations live exactly as long as Apollo keeps their document.
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();

  /** @param pages answers the pages of recommendations it can assemble, before graphql-jit (GRAPHQL_PAGE_ASSEMBLY). */
  constructor(private readonly pages: RecommendationPageAssembler | null = null) {}

  /** For `transformSchema`: remembers the executable schema and returns it unchanged. */
  readonly useSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.schema = schema;
    return schema;
  };

  readonly gateway: GatewayInterface = {
    onSchemaLoadOrUpdate: (callback: GatewaySchemaLoadOrUpdateCallback) => {
      const schema = this.requireSchema();
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: async () => ({ executor: this.execute }),
    stop: async () => undefined,
  };

  private readonly execute: GatewayExecutor = async (requestContext: GatewayGraphQLRequestContext) => {
    const { document, operation, operationName, request, context } = requestContext;
    const variables = request.variables ?? {};
    // Variables are checked by graphql-js first: its errors point at the variable's
    // definition, which is how Apollo recognises them as the client's (BAD_USER_INPUT).
    const coerced = getVariableValues(this.requireSchema(), operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };
    if (this.pages) {
      const schema = this.requireSchema();
      const assembled = await this.pages.execute({ schema, document, operation, variables: coerced.coerced, context: context as GraphqlContext });
      if (assembled) return assembled;
    }
    const query = this.compile(document, operationName ?? undefined);
    const result = isCompiledQuery(query) ? await query.query(undefined, context, variables) : query;
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult {
    let byOperation = this.compiled.get(document);
    const cached = byOperation?.get(operationName ?? '');
    if (cached) return cached;
    const query = compileQuery(this.requireSchema(), document, operationName);
    // A document that cannot be compiled answers its errors and is tried again next time.
    if (!isCompiledQuery(query)) return query;
    if (!byOperation) this.compiled.set(document, (byOperation = new Map<string, CompiledQuery>()));
    byOperation.set(operationName ?? '', query);
    return query;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('CompiledExecution: the schema was not handed over (transformSchema)');
    return this.schema;
  }
}

/**
 * graphql-jit reports errors as read-only look-alikes of graphql-js's GraphQLError; the rest
 * of the pipeline (the field-errors plugin, formatError) gets the real thing, as graphql-js
 * would have produced it: same message, path, extensions and original error.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const normalized = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-jit knows where the field is in the query as locations only, not as AST nodes.
  if (error.locations) Object.defineProperty(normalized, 'locations', { value: error.locations, enumerable: true });
  return normalized;
}
