import type { ApolloDriverConfig } from '@nestjs/apollo';
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLSchema,
  isListType,
  Kind,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, ErrorSubcode } from '../common/errors/error-codes';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination/page.args';
import { isSchemaField } from './introspection';
import type { ListLengths } from './list-bounds';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxRootFields: number;
}

/**
 * The page size a connection is costed at. The estimate runs before validation, so
 * `first` may be anything an Int holds: a negative one would subtract its cost from
 * the other fields' and let them through. An invalid size is refused by validation
 * without running, so costing it at most MAX_PAGE_SIZE and at least 1 bounds the
 * operation's real cost from above.
 */
function costedPageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(first), 1), MAX_PAGE_SIZE);
}

/**
 * Cost of a field: 1, plus its children times how many times they will be
 * resolved. A connection costs `first` (default 20, clamped to 1..100) times its node; the
 * `edges` list inside it is then not multiplied again; any other list costs its children
 * times the most items it can hold (see ListBoundsService: the table's rows for a root
 * list, the most rows one parent has for a nested one, the locales for translations), so
 * nested unpaginated lists multiply as the data does.
 */
export function listSizeEstimator(lengths: ListLengths): ComplexityEstimator {
  return ({ args, childComplexity, field, type }) => {
    // Introspection is bounded by its own rule (see introspectionAccessPlugin): it costs 1.
    if (field.name === '__schema' || field.name === '__type') return 1;
    if (getNamedType(field.type).name.endsWith('Connection')) {
      return 1 + costedPageSize(args.first ?? args.last) * childComplexity;
    }
    if (field.name === 'edges') return 1 + childComplexity;
    if (isListType(getNullableType(field.type))) return 1 + lengths.lengthOf(type.name, field.name) * Math.max(childComplexity, 1);
    return undefined;
  };
}

/**
 * Refuses hostile operations before any resolver runs: too deep, too costly,
 * or with too many root fields (aliases included). The error says which limit
 * was hit and by how much.
 */
export function queryLimitsPlugin(limits: QueryLimits, listLengths: () => Promise<ListLengths>): NonNullable<ApolloDriverConfig['plugins']>[number] {
  // Apollo hands every request with the same query text the same parsed document, so the
  // verdict is kept per document, operation and variables: a dashboard polling one query
  // is measured once, not on every request.
  const verdicts = new WeakMap<DocumentNode, Map<string, LimitBroken | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return; // Apollo answers an unknown operationName itself
          const variables = request.variables ?? {};
          const lengths = await listLengths();
          // A verdict holds for the list lengths it was made with: measured again, the operation is checked again.
          const key = `${lengths.generation}\n${request.operationName ?? ''}\n${JSON.stringify(variables)}`;
          let perDocument = verdicts.get(document);
          let verdict = perDocument?.get(key);
          if (verdict === undefined) {
            verdict = check(limits, lengths, schema, document, operation.selectionSet, variables, request.operationName ?? undefined);
            if (key.length <= MAX_REMEMBERED_KEY) {
              if (!perDocument) verdicts.set(document, (perDocument = new Map<string, LimitBroken | null>()));
              if (perDocument.size >= MAX_REMEMBERED_PER_DOCUMENT || [...perDocument.keys()].some((k) => !k.startsWith(`${lengths.generation}\n`))) perDocument.clear();
              perDocument.set(key, verdict);
            }
          }
          // A new error each time: Apollo annotates the errors it is given.
          if (verdict) throw limitError(verdict);
        },
      };
    },
  };
}

/**
 * The same verdict for one operation outside Apollo's request pipeline (GraphQL subscriptions over
 * WebSocket, see src/live-updates/subscription-server.ts): the error to answer, or null.
 */
export function operationLimitError(
  limits: QueryLimits,
  lengths: ListLengths,
  schema: GraphQLSchema,
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): GraphQLError | null {
  const verdict = check(limits, lengths, schema, document, selectionSet, variables, operationName);
  return verdict ? limitError(verdict) : null;
}

/** Variables larger than this (a bulk input, say) are checked on every request rather than remembered. */
const MAX_REMEMBERED_KEY = 2_000;
const MAX_REMEMBERED_PER_DOCUMENT = 100;

interface LimitBroken {
  message: string;
  limit: keyof QueryLimits;
}

/** The limit the operation breaks; null when it keeps them all. */
function check(
  limits: QueryLimits,
  lengths: ListLengths,
  schema: GraphQLSchema,
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): LimitBroken | null {
  const rootFields = countRootFields(selectionSet, fragmentsOf(document));
  if (rootFields > limits.maxRootFields) {
    return { message: `the operation has ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`, limit: 'maxRootFields' };
  }
  const depth = depthOf(selectionSet, fragmentsOf(document), 0);
  if (depth > limits.maxDepth) {
    return { message: `the query is ${depth} levels deep; at most ${limits.maxDepth} are allowed`, limit: 'maxDepth' };
  }
  let complexity: number;
  try {
    complexity = costOf(schema, lengths, document, variables, operationName);
  } catch {
    // Variables that do not fit the operation: execution refuses them (BAD_USER_INPUT) before any resolver.
    return null;
  }
  if (complexity > limits.maxComplexity) {
    return {
      message: `the query's estimated cost is ${complexity}; at most ${limits.maxComplexity} is allowed (ask for smaller pages or fewer nested lists)`,
      limit: 'maxComplexity',
    };
  }
  return null;
}

export function costOf(
  schema: GraphQLSchema,
  lengths: ListLengths,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [listSizeEstimator(lengths), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** A client's mistake, refused before execution: 400, so that clients do not retry it as a server failure. */
function limitError({ message, limit }: LimitBroken): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, subcode: ErrorSubcode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } } });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function countRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, fragments);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, fragments);
    }
  }
  return count;
}

/** Depth of the deepest field; fragments are followed once per path (cycles are rejected by validation). */
function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number): number {
  let deepest = depth;
  for (const selection of selectionSet.selections) {
    let next: number;
    if (selection.kind === Kind.FIELD) {
      // Introspection is bounded by its own rule (see introspectionAccessPlugin); the standard query is 15 deep.
      if (depth === 0 && isSchemaField(selection)) continue;
      next = selection.selectionSet ? depthOf(selection.selectionSet, fragments, depth + 1) : depth + 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      next = depthOf(selection.selectionSet, fragments, depth);
    } else {
      const fragment = fragments.get(selection.name.value);
      next = fragment ? depthOf(fragment.selectionSet, fragments, depth) : depth;
    }
    deepest = Math.max(deepest, next);
  }
  return deepest;
}

