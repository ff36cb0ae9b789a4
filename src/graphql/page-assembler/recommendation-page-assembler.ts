import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DocumentNode,
  ExecutionResult,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import { DataSource } from 'typeorm';
import { latestValueJsonSql, progressInputsTextSql, readProgressInputs } from '../../action-plan/action-plan.repository';
import { IndicatorResolver } from '../../action-plan/action-plan.resolver';
import type { Indicator } from '../../action-plan/indicator.entity';
import { progressOf } from '../../action-plan/indicator-progress';
import { IndicatorProgressReader, PageProgressCut } from '../../action-plan/indicator-progress.reader';
import { isPlanYear } from '../../action-plan/reporting-period';
import type { ValueStatus } from '../../action-plan/value-status';
import type { Actor } from '../../auth/actor';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthenticatedRequest } from '../../auth/current-actor.decorator';
import { READERS } from '../../auth/role.enum';
import { DomainError } from '../../common/errors/domain-error';
import type { GraphqlContext } from '../../common/graphql-context';
import { RawJson } from '../../common/raw-json';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { translatableSourceOf } from '../../i18n/translatable-field';
import { RecommendationsArgs } from '../../recommendations/dto/recommendations.args';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { RecommendationsResolver } from '../../recommendations/recommendations.resolver';
import { RecommendationRelation, RecommendationsRepository, RelationJson } from '../../recommendations/recommendations.repository';
import { jsonObjectSql, JsonObjectEntry, MISSING_IN_TEXT } from '../../database/sql/json-object';
import { NestedJson, rowJson } from './row-json';
import { CollectedField, collectedFields, propertyFields, SelectionScope } from './selection';

/** What an operation is assembled from: what the gateway executor has after validation. */
export interface AssemblyRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Coerced by graphql-js (getVariableValues). */
  variables: Record<string, unknown>;
  context: GraphqlContext;
}

/**
 * One request's assembly: its context, its caller, the relations PostgreSQL wrote (by object
 * selection and id) and what the fields computed in code answered (by field and object).
 */
interface Assembly {
  context: GraphqlContext;
  actor: Actor;
  relations: Map<ObjectPlan, Map<string, (string | null)[]>>;
  resolved: Map<FieldPlan, Map<object, unknown>>;
}

type FieldResolver = (source: never, args: Record<string, unknown>, assembly: Assembly) => unknown;

/** How an object selection answers, decided before anything is read. */
interface ObjectPlan {
  type: GraphQLObjectType;
  fields: FieldPlan[];
  /** The relations of this selection PostgreSQL writes as JSON (RELATIONS), read once per object. */
  relations: RelationJson[];
  /**
   * The progress fields of the indicators in those relations: PostgreSQL writes, for each, a marker
   * with its index here and progressOf's inputs (PROGRESS_IN_TEXT), which read() replaces with
   * the field's answer.
   */
  progressInRelations: ProgressPlan[];
}

/** An Indicator.progress field whose inputs PostgreSQL writes: its year and cut, and its selection. */
interface ProgressPlan {
  key: string;
  type: GraphQLOutputType;
  object: ObjectPlan;
  year: number;
  cut: PageProgressCut;
}

type FieldPlan =
  | { kind: 'typename'; key: string; typeName: string }
  | { kind: 'property'; key: string; property: string; defaultValue: unknown; type: GraphQLOutputType; object: ObjectPlan | null }
  | { kind: 'resolver'; key: string; resolve: FieldResolver; args: Record<string, unknown>; type: GraphQLOutputType; object: ObjectPlan | null }
  | { kind: 'relation'; key: string; index: number; type: GraphQLOutputType };

/** The relations of a recommendation that PostgreSQL writes as JSON (RecommendationsRepository.relationsJson). */
const RELATIONS: Record<string, RecommendationRelation> = {
  'Recommendation.meeting': 'meeting',
  'Recommendation.barriers': 'barriers',
  'Recommendation.responsibleOrganizations': 'responsibleOrganizations',
  'Recommendation.indicators': 'indicators',
  'Recommendation.statusHistory': 'statusHistory',
};

/**
 * An indicator's progress as PostgreSQL writes it inside a page's JSON: a string starting with NUL
 * (which no text read from PostgreSQL can hold) holding the field's index in
 * ObjectPlan.progressInRelations and progressInputsTextSql's text.
 */
const PROGRESS_IN_TEXT = /"\\u0000progress:(\d+)\|([^"]*)"/g;
function progressMarkerSql(index: number, inputsSql: string): string {
  return `'"\\u0000progress:${index}|' || ${inputsSql} || '"'`;
}

/** An answer the assembly cannot give as the resolvers would (a null where none may be): the operation is executed as usual. */
class AssemblyMismatch extends Error {}

/**
 * Answers a page of recommendations without a resolver per field (issue 28): the page itself and
 * the fields computed in code (isOverdue; indicators asked with progress at a cut of their own:
 * asOf, valuesKnownBy, SUBMITTED values) through the same resolver methods the schema calls; the meeting, barriers,
 * organisations, status history and indicators (with their latest values, and their progress's
 * inputs for progressOf) of every recommendation of the page written as JSON by PostgreSQL in one
 * statement,
 * and sent on as that text (RawJson, spliced into the answer by stringifyWithRawJson), without
 * an entity or object per row. The dashboard's answer (~3,200 fields) was mostly
 * rows parsed into objects, resolved field by field and serialised again (docs/benchmarks.md).
 *
 * Only what it can answer exactly as the schema's resolvers would is assembled: a query whose
 * root fields are all `recommendations`, whose selections use only the fields it knows, for a
 * caller the AuthGuard lets read, with arguments the validation pipe accepts. For anything else,
 * or when a result would differ (a null where none may be) or a step fails, execute() answers
 * null and the operation is executed as usual, which gives the errors their usual form.
 */
@Injectable()
export class RecommendationPageAssembler {
  private readonly logger = new Logger(RecommendationPageAssembler.name);
  private readonly validation = createValidationPipe();
  private parts: {
    recommendations: RecommendationsResolver;
    indicators: IndicatorResolver;
    repository: RecommendationsRepository;
    progress: IndicatorProgressReader;
  } | null = null;
  private resolvers: Record<string, FieldResolver> | null = null;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthGuard,
  ) {}

  /** The operation's answer, or null when it is to be executed as usual. */
  async execute(request: AssemblyRequest): Promise<ExecutionResult | null> {
    const { schema, operation, context } = request;
    const queryType = schema.getQueryType();
    if (operation.operation !== OperationTypeNode.QUERY || !queryType) return null;
    const scope: SelectionScope = { schema, fragments: fragmentsOf(request.document), variables: request.variables };
    let roots: { key: string; args: Record<string, unknown>; plan: ObjectPlan | null; type: GraphQLOutputType | null }[];
    try {
      roots = this.planRoots(scope, queryType, operation, context);
    } catch (error) {
      this.logger.warn(`not assembled, planning failed: ${(error as Error).message}`);
      return null;
    }
    // Every root field a page it can assemble (__typename aside), and at least one.
    if (roots.some((root) => root.type && !root.plan) || !roots.some((root) => root.plan)) return null;
    try {
      const actor = await this.auth.identify(context.req as AuthenticatedRequest, [...READERS], false);
      if (!READERS.includes(actor.role)) return null;
      const assembly: Assembly = { context, actor, relations: new Map(), resolved: new Map() };
      const data: Record<string, unknown> = {};
      for (const root of roots) {
        if (!root.type || !root.plan) {
          data[root.key] = queryType.name;
          continue;
        }
        const args = (await this.validation.transform(root.args, { type: 'query', metatype: RecommendationsArgs, data: undefined })) as RecommendationsArgs;
        const connection = await this.part('recommendations').recommendations(args);
        await this.read(root.plan, [connection], assembly);
        data[root.key] = complete(root.type, root.plan, connection, assembly);
      }
      return { data };
    } catch (error) {
      // DomainErrors (refused caller, invalid arguments or cursor) and mismatches are answered by the usual execution.
      if (!(error instanceof DomainError) && !(error instanceof AssemblyMismatch)) {
        this.logger.warn(`not assembled: ${(error as Error).message}`);
      }
      return null;
    }
  }

  private planRoots(scope: SelectionScope, queryType: GraphQLObjectType, operation: OperationDefinitionNode, context: GraphqlContext) {
    const fields = collectFields(scope.schema, scope.fragments, scope.variables, queryType, operation.selectionSet);
    return [...fields].map(([key, nodes]) => {
      const name = nodes[0].name.value;
      if (name === '__typename') return { key, args: {}, plan: null, type: null };
      const definition = queryType.getFields()[name];
      if (name !== 'recommendations' || !definition) return { key, args: {}, plan: null, type: definition?.type ?? queryType };
      const connection = getNamedType(definition.type);
      const plan = isObjectType(connection) ? this.planObject(scope, context, connection, nodes) : null;
      return { key, args: getArgumentValues(definition, nodes[0], scope.variables), plan, type: definition.type };
    });
  }

  /** The plan of an object selection, or null when a field of it is not one the assembly answers. */
  private planObject(scope: SelectionScope, context: GraphqlContext, type: GraphQLObjectType, nodes: readonly FieldNode[]): ObjectPlan | null {
    const properties = propertyFields(type);
    const plan: ObjectPlan = { type, fields: [], relations: [], progressInRelations: [] };
    for (const field of collectedFields(scope, type, nodes)) {
      const { key, definition } = field;
      if (!definition) {
        plan.fields.push({ kind: 'typename', key, typeName: type.name });
        continue;
      }
      const id = `${type.name}.${field.name}`;
      const named = getNamedType(definition.type);
      const relation = RELATIONS[id];
      if (relation) {
        const progress: ProgressPlan[] = [];
        const nested: NestedJson = (owner, nestedField) => this.nestedJson(scope, context, owner, nestedField, plan.progressInRelations.length, progress);
        const entries = isObjectType(named) ? rowJson(this.db, scope, context.content, named, field.nodes, nested) : null;
        if (entries) {
          plan.relations.push({ relation, entries });
          plan.progressInRelations.push(...progress);
          plan.fields.push({ kind: 'relation', key, index: plan.relations.length - 1, type: definition.type });
          continue;
        }
        // A selection PostgreSQL cannot write (indicators with progress at another cut): through the field's resolver, if it has one.
        if (!this.resolver(id)) return null;
      }
      const object = isObjectType(named) ? this.planObject(scope, context, named, field.nodes) : null;
      if (isObjectType(named) && !object) return null;
      if (!isObjectType(named) && !isLeafType(named)) return null;
      const resolver = this.resolver(id);
      const translatable = translatableSourceOf(definition);
      const property = properties.get(field.name);
      if (resolver) {
        plan.fields.push({ kind: 'resolver', key, resolve: resolver, args: field.args, type: definition.type, object });
      } else if (translatable && definition.resolve) {
        // The translation resolver useTranslationResolvers installed: synchronous, reads the loaded row.
        const resolve = definition.resolve;
        const translated: FieldResolver = (source, args, assembly) => resolve(source, args, assembly.context, undefined as never);
        plan.fields.push({ kind: 'resolver', key, resolve: translated, args: field.args, type: definition.type, object });
      } else if (property) {
        plan.fields.push({ kind: 'property', key, property: property.property, defaultValue: property.defaultValue, type: definition.type, object });
      } else {
        return null;
      }
    }
    return plan;
  }

  /**
   * How a field of a related row that is not a column is written in its JSON (rowJson's `nested`):
   * an indicator's latest value, as latestValueJsonSql writes it (Indicator.latestValue's rule);
   * its progress at the default cut of approved values (IndicatorProgressReader.pageCut: as they are
   * now, or for a past year as known at the end of its plan's reporting lag), as a marker with
   * progressOf's inputs, which read() replaces with the answer progressOf gives (the rule stays in
   * code, its figures are read with the page, not by two statements of their own). `progress`
   * collects the markers' fields, numbered from `offset`. Any other cut (asOf, valuesKnownBy,
   * SUBMITTED values) is answered by the resolvers.
   */
  private nestedJson(
    scope: SelectionScope,
    context: GraphqlContext,
    owner: GraphQLObjectType,
    field: CollectedField,
    offset: number,
    progress: ProgressPlan[],
  ): ((alias: string) => JsonObjectEntry) | null {
    const { key, definition } = field;
    if (!definition) return null;
    const id = `${owner.name}.${field.name}`;
    const named = getNamedType(definition.type);
    if (id === 'Indicator.latestValue') {
      const entries = isObjectType(named) ? rowJson(this.db, scope, context.content, named, field.nodes) : null;
      if (!entries) return null;
      return (alias) => ({
        key,
        valueSql: latestValueJsonSql(`${alias}.id`, (row) => jsonObjectSql(entries(row))),
        required: isNonNullType(definition.type),
      });
    }
    if (id === 'Indicator.progress') {
      const { year, asOf, valuesKnownBy, valueStatus } = field.args;
      if (typeof year !== 'number' || !isPlanYear(year) || asOf != null || valuesKnownBy != null || (valueStatus != null && valueStatus !== 'APPROVED')) return null;
      const cut = this.part('progress').pageCut(valueStatus ? { valueStatus: valueStatus as ValueStatus } : {}, year);
      const object = cut && isObjectType(named) ? this.planObject(scope, context, named, field.nodes) : null;
      if (!cut || !object || object.relations.length) return null;
      const index = offset + progress.push({ key, type: definition.type, object, year, cut }) - 1;
      const lagged = cut.lagged && { today: cut.today, ...cut.lagged };
      return (alias) => ({ key, valueSql: progressMarkerSql(index, progressInputsTextSql(alias, year, lagged)), required: true });
    }
    return null;
  }

  /** The fields computed in code, answered by the resolver methods the schema calls for them. */
  private resolver(id: string): FieldResolver | undefined {
    if (!this.resolvers) {
      const recommendations = this.part('recommendations');
      const indicators = this.part('indicators');
      const resolvers: Record<string, FieldResolver> = {
        'Recommendation.isOverdue': (recommendation: Recommendation) => recommendations.isOverdue(recommendation),
        'Recommendation.indicators': (recommendation: Recommendation, _args, { context }) => recommendations.indicators(recommendation, {}, context),
        'Indicator.latestValue': (indicator: Indicator, _args, { context }) => indicators.latestValue(indicator, {}, context),
        'Indicator.progress': (indicator: Indicator, args, { context, actor }) =>
          indicators.progress(
            indicator,
            context.loaders,
            args.year as number,
            args.asOf as string | null,
            args.valuesKnownBy as string | null,
            args.valueStatus as ValueStatus | null,
            actor,
          ),
      };
      this.resolvers = resolvers;
    }
    return this.resolvers[id];
  }

  private part<K extends 'recommendations' | 'indicators' | 'repository' | 'progress'>(name: K) {
    if (!this.parts) {
      this.parts = {
        recommendations: this.moduleRef.get(RecommendationsResolver, { strict: false }),
        indicators: this.moduleRef.get(IndicatorResolver, { strict: false }),
        repository: this.moduleRef.get(RecommendationsRepository, { strict: false }),
        progress: this.moduleRef.get(IndicatorProgressReader, { strict: false }),
      };
    }
    return this.parts[name];
  }

  /**
   * Everything the answer needs, read one selection level at a time for all its objects: the
   * relations of the level's objects (one statement), and the fields computed in code, all
   * started before any is awaited, so that their loaders batch across the page. The answer is
   * then put together without waiting (complete), with a promise per level and not per object.
   */
  private async read(plan: ObjectPlan, values: unknown[], assembly: Assembly): Promise<void> {
    const objects = values.filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object');
    if (!objects.length) return;
    const relations = plan.relations.length
      ? this.part('repository').relationsJson(assembly.context.loaders, objects.map((object) => object.id as string), plan.relations)
      : null;
    const computed = plan.fields.filter((field) => field.kind === 'resolver');
    const answers = computed.map((field) => objects.map((object) => resolveField(field, object, assembly)));
    // One Promise.all over everything started: a failure rejects it, and no other rejection goes unhandled.
    const [rows, ...settled] = await Promise.all([relations, ...answers.map((list) => (list.some(isPromise) ? Promise.all(list) : list))]);
    if (rows) assembly.relations.set(plan, plan.progressInRelations.length ? withProgress(plan, rows, assembly, this.part('progress')) : rows);
    computed.forEach((field, index) => assembly.resolved.set(field, new Map(objects.map((object, at) => [object, settled[index][at]]))));
    const nested = plan.fields.flatMap((field) => {
      if ((field.kind !== 'property' && field.kind !== 'resolver') || !field.object) return [];
      const resolved = assembly.resolved.get(field);
      const children = objects.flatMap((object) => {
        const value = field.kind === 'property' ? object[field.property] : resolved?.get(object);
        return Array.isArray(value) ? (value as unknown[]) : [value];
      });
      return [this.read(field.object, children, assembly)];
    });
    await Promise.all(nested);
  }
}

/**
 * The relations' texts with each progress marker (PROGRESS_IN_TEXT) replaced by the field's answer
 * for its indicator, as JSON.stringify writes it: progressOf over the inputs PostgreSQL wrote, at
 * the field's cut (with a lagged cut, the one the indicator's plan's lag gives, which must be the
 * instant PostgreSQL read at: its day boundary in the zone, computed on both sides), completed to
 * its selection; once per field and inputs (an indicator on several recommendations of the page
 * is computed once).
 */
function withProgress(
  plan: ObjectPlan,
  texts: Map<string, (string | null)[]>,
  assembly: Assembly,
  reader: IndicatorProgressReader,
): Map<string, (string | null)[]> {
  const answers = new Map<string, string>();
  const answer = (_: string, index: string, inputs: string): string => {
    const key = `${index}|${inputs}`;
    let json = answers.get(key);
    if (json === undefined) {
      const field = plan.progressInRelations[Number(index)];
      if (!field) throw new AssemblyMismatch('a progress marker without its field');
      const { indicator, figures, lag } = readProgressInputs(inputs);
      if (!field.cut.current && !lag) throw new AssemblyMismatch('a lagged progress marker without its lag');
      const { cut, knownBy } = reader.cutWithLag(field.cut, lag?.days ?? 0);
      // A zone whose day does not start at midnight (a DST change then) would read another instant.
      if (lag && (knownBy?.getTime() ?? null) !== lag.knownByMs) throw new AssemblyMismatch('the lagged cut read at another instant');
      json = JSON.stringify(complete(field.type, field.object, progressOf(indicator, field.year, figures, cut), assembly));
      answers.set(key, json);
    }
    return json;
  };
  const replaced = new Map<string, (string | null)[]>();
  for (const [id, relations] of texts) replaced.set(id, relations.map((text) => (text === null ? null : text.replace(PROGRESS_IN_TEXT, answer))));
  return replaced;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** A computed field's answer for an object; a resolver that throws answers a rejected promise, which read's Promise.all handles. */
function resolveField(field: Extract<FieldPlan, { kind: 'resolver' }>, object: Record<string, unknown>, assembly: Assembly): unknown {
  try {
    return field.resolve(object as never, field.args, assembly);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

/**
 * `value` completed as graphql-js completes a field's value of `type`: non-null checked, lists
 * mapped, leaves serialised. Synchronous: what it needs was read before (read).
 */
function complete(type: GraphQLOutputType, object: ObjectPlan | null, value: unknown, assembly: Assembly): unknown {
  if (isNonNullType(type)) return required(complete(type.ofType, object, value, assembly));
  if (value === null || value === undefined) return null;
  if (isPromise(value)) throw new AssemblyMismatch('a field answered a promise where a value was read');
  if (isListType(type)) {
    if (!Array.isArray(value)) throw new AssemblyMismatch('a list field answered no list');
    return value.map((item) => complete(type.ofType, object, item, assembly));
  }
  if (isLeafType(type)) {
    const serialized = type.serialize(value);
    if (serialized === undefined) throw new AssemblyMismatch(`${type.name} cannot serialise the value`);
    return serialized;
  }
  if (!object) throw new AssemblyMismatch('an object field without a plan');
  return project(object, value as Record<string, unknown>, assembly);
}

function required(value: unknown): unknown {
  if (value === null || value === undefined) throw new AssemblyMismatch('a null where the schema allows none');
  return value;
}

/** An object's answer to its selection. */
function project(plan: ObjectPlan, source: Record<string, unknown>, assembly: Assembly): Record<string, unknown> {
  const relations = plan.relations.length ? (assembly.relations.get(plan)?.get(source.id as string) ?? null) : null;
  if (plan.relations.length && !relations) throw new AssemblyMismatch('relations not read for an object');
  const result: Record<string, unknown> = {};
  for (const field of plan.fields) result[field.key] = answer(field, source, relations, assembly);
  return result;
}

function answer(field: FieldPlan, source: Record<string, unknown>, relations: (string | null)[] | null, assembly: Assembly): unknown {
  switch (field.kind) {
    case 'typename':
      return field.typeName;
    case 'property': {
      const value = source[field.property];
      return complete(field.type, field.object, value === undefined ? field.defaultValue : value, assembly);
    }
    case 'resolver': {
      const resolved = assembly.resolved.get(field);
      if (!resolved?.has(source)) throw new AssemblyMismatch('a computed field not read for an object');
      return complete(field.type, field.object, resolved.get(source), assembly);
    }
    case 'relation':
      if (!relations) throw new AssemblyMismatch('a relation without its statement');
      return checkedJson(field, relations[field.index]);
  }
}

/**
 * The JSON text PostgreSQL wrote for a relation, to be sent as it is (RawJson), checked for a null
 * where the schema allows none: the relation itself (no meeting) or a field of a related row
 * (written as MISSING_IN_TEXT). A list's items are rows, never null.
 */
function checkedJson(field: Extract<FieldPlan, { kind: 'relation' }>, text: string | null): RawJson | null {
  if (text === null) {
    if (isNonNullType(field.type)) throw new AssemblyMismatch('a null where the schema allows none');
    return null;
  }
  if (text.includes(MISSING_IN_TEXT)) throw new AssemblyMismatch('a null field where the schema allows none');
  return new RawJson(text);
}
