import { TypeMetadataStorage } from '@nestjs/graphql';
import type { ObjectTypeMetadata } from '@nestjs/graphql/dist/schema-builder/metadata/object-type.metadata.js';
import type { PropertyMetadata } from '@nestjs/graphql/dist/schema-builder/metadata/property.metadata.js';
import { FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';

/** What a selection is read against: the schema, the document's fragments and the coerced variables. */
export interface SelectionScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** One response key of a selection, as graphql-js collects it (fragments spread, @skip/@include applied, same keys merged). */
export interface CollectedField {
  key: string;
  name: string;
  /** Null for __typename. */
  definition: GraphQLField<unknown, unknown> | null;
  nodes: readonly FieldNode[];
  args: Record<string, unknown>;
}

/** The fields `nodes` select on `type`, in response order, with their argument values. */
export function collectedFields(scope: SelectionScope, type: GraphQLObjectType, nodes: readonly FieldNode[]): CollectedField[] {
  const fields = collectSubfields(scope.schema, scope.fragments, scope.variables, type, nodes);
  return [...fields].map(([key, fieldNodes]) => {
    const name = fieldNodes[0].name.value;
    const definition = name === '__typename' ? null : (type.getFields()[name] ?? null);
    const args = definition ? getArgumentValues(definition, fieldNodes[0], scope.variables) : {};
    return { key, name, definition, nodes: fieldNodes, args };
  });
}

/** A field that answers a class property as it is, and the property's name (it differs where @Field renames it: `from`). */
export interface PropertyField {
  property: string;
  defaultValue: unknown;
}

/**
 * The fields of `type` that answer a class property as it is: declared with @Field on a property,
 * without arguments or middleware, and not replaced by a resolver (@ResolveField of the same name
 * replaces the resolver Nest gave the property, whose name this checks). Inherited properties count
 * (the connection types' fields are declared on an abstract class).
 */
export function propertyFields(type: GraphQLObjectType): Map<string, PropertyField> {
  let fields = propertyFieldsByType.get(type);
  if (!fields) propertyFieldsByType.set(type, (fields = readPropertyFields(type)));
  return fields;
}
// The schema's types live as long as the schema: read once each.
const propertyFieldsByType = new WeakMap<GraphQLObjectType, Map<string, PropertyField>>();

function readPropertyFields(type: GraphQLObjectType): Map<string, PropertyField> {
  const fields = new Map<string, PropertyField>();
  const metadata = objectTypeMetadata(type);
  if (!metadata) return fields;
  const declared = type.getFields();
  for (const property of inheritedProperties(metadata)) {
    if (property.methodArgs?.length || property.middleware?.length || fields.has(property.schemaName)) continue;
    const field = declared[property.schemaName];
    if (field?.resolve?.name !== 'rootFieldResolver') continue;
    fields.set(property.schemaName, { property: property.name, defaultValue: property.options.defaultValue });
  }
  return fields;
}

function inheritedProperties(metadata: ObjectTypeMetadata): PropertyMetadata[] {
  const properties = [...(metadata.properties ?? [])];
  for (let parent = Object.getPrototypeOf(metadata.target) as unknown; typeof parent === 'function' && parent !== Function.prototype; ) {
    const parentMetadata = TypeMetadataStorage.getObjectTypeMetadataByTarget(parent as new () => unknown);
    if (parentMetadata) properties.push(...(parentMetadata.properties ?? []));
    parent = Object.getPrototypeOf(parent) as unknown;
  }
  return properties;
}

/** The class Nest built the object type from (for an entity, its TypeORM entity class); null for others. */
export function typeClass(type: GraphQLObjectType): (new () => unknown) | null {
  return (objectTypeMetadata(type)?.target as (new () => unknown) | undefined) ?? null;
}

function objectTypeMetadata(type: GraphQLObjectType): ObjectTypeMetadata | undefined {
  return TypeMetadataStorage.getObjectTypesMetadata().find((candidate) => candidate.name === type.name);
}
