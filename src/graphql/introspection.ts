import type { ApolloDriverConfig } from '@nestjs/apollo';
import { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode } from 'graphql';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/** The root fields that read the schema itself (`__typename` reads nothing and is always allowed). */
const SCHEMA_FIELDS = new Set(['__schema', '__type']);

export function isSchemaField(field: FieldNode): boolean {
  return SCHEMA_FIELDS.has(field.name.value);
}

/** Whether the operation's root selection (fragments followed) asks for `__schema` or `__type`. */
export function readsSchema(selectionSet: SelectionSetNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visit = (set: SelectionSetNode, seen: Set<string>): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return isSchemaField(selection);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      return visit(fragment.selectionSet, new Set(seen).add(fragment.name.value));
    });
  return visit(selectionSet, new Set());
}

/** Whether a caller is anonymous (PUBLIC_READ lets them in as a VIEWER without a token). */
export const isAnonymous = (actor: Actor): boolean => actor.tokenId === null && actor.name === 'anonymous';

export interface SchemaAccess {
  /** Whether anyone may read the schema without a token (always outside production; GRAPHQL_INTROSPECTION in production). */
  anonymousAllowed: boolean;
  /** Identifies the caller from the request's bearer token; throws UNAUTHENTICATED for a bad one. */
  identify(req: unknown): Promise<Actor>;
}

/**
 * Code generators, GraphiQL, GraphQL Inspector and Postman read the schema by introspection, so
 * every authenticated caller may; anonymous callers only where the schema is public (outside
 * production, or GRAPHQL_INTROSPECTION=true). The schema is the same for every role: what a role
 * may read is enforced per field, so showing it to a signed-in reader reveals nothing.
 * Introspection's own nesting is bounded by graphql-js's MaxIntrospectionDepthRule (one of
 * Apollo's default validation rules), so the query limits do not apply to it (see queryLimitsPlugin).
 */
export function introspectionAccessPlugin(access: SchemaAccess): NonNullable<ApolloDriverConfig['plugins']>[number] {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (access.anonymousAllowed || !operation || !readsSchema(operation.selectionSet, document)) return;
          const req = (contextValue as { req?: unknown }).req;
          let actor: Actor;
          try {
            actor = await access.identify(req);
          } catch (error) {
            if (error instanceof DomainError) throw refusal(error.code, error.message, error.details);
            throw error;
          }
          if (isAnonymous(actor)) {
            throw refusal(ErrorCode.UNAUTHENTICATED, 'reading the schema needs a token: send Authorization: Bearer <token>', {
              reason: 'introspectionNeedsToken',
            });
          }
        },
      };
    },
  };
}

/** Refused before execution: Apollo answers such an error with extensions.http's status (else 500). */
function refusal(code: ErrorCode, message: string, details: Record<string, unknown>): GraphQLError {
  const status = code === ErrorCode.UNAUTHENTICATED ? 401 : code === ErrorCode.FORBIDDEN ? 403 : 400;
  return new GraphQLError(message, { extensions: { ...details, code, http: { status } } });
}
