import { FieldNode, GraphQLObjectType, GraphQLOutputType, getNullableType, isEnumType, isNonNullType, isScalarType } from 'graphql';
import { DataSource } from 'typeorm';
import { jsonColumnSql, jsonFloatSql, jsonIsoTimestampSql, jsonNameSql, JsonObjectEntry, MAX_JSON_OBJECT_KEYS } from '../../database/sql/json-object';
import type { ContentLocales } from '../../i18n/content-locales';
import type { Locale } from '../../i18n/locales';
import { translatableSourceOf, translationChain } from '../../i18n/translatable-field';
import { pickedLocaleJsonSql, pickedTranslationJsonSql } from '../../i18n/translations';
import { CollectedField, collectedFields, propertyFields, SelectionScope, typeClass } from './selection';

/** A related row's JSON object as the selection asks for it: its entries over the row's alias. */
export type RowJson = (alias: string) => JsonObjectEntry[];

/**
 * How a field that is not a column (`Indicator.latestValue`) is written in a row's object: its
 * entry over the row's alias, or null when it cannot be.
 */
export type NestedJson = (type: GraphQLObjectType, field: CollectedField) => ((alias: string) => JsonObjectEntry) | null;

const TEXT_COLUMNS = new Set(['uuid', 'varchar', 'character varying', 'text']);
const INT_COLUMNS = new Set(['int', 'integer', 'int4', 'smallint', 'int2']);

/**
 * The JSON object an object selection answers for one row of `type`'s entity, as PostgreSQL can
 * write it, or null when any selected field cannot be written exactly as the resolvers would
 * answer it (the page is then executed as usual). Written: __typename; column properties whose
 * scalar PostgreSQL writes the same way (ID, String, Int, Float, Boolean, Date, DateTime, and enums
 * whose values are their names); translatable texts and their locales, with pickTranslation's
 * fallback; other fields as `nested` writes them.
 */
export function rowJson(
  db: DataSource,
  scope: SelectionScope,
  content: ContentLocales,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  nested?: NestedJson,
): RowJson | null {
  const entity = typeClass(type);
  if (!entity || !db.hasMetadata(entity)) return null;
  const table = db.getMetadata(entity);
  const properties = propertyFields(type);
  const fields = collectedFields(scope, type, nodes);
  if (!fields.length || fields.length > MAX_JSON_OBJECT_KEYS) return null;
  const entries: ((alias: string) => JsonObjectEntry)[] = [];
  for (const field of fields) {
    const { key, definition } = field;
    if (!definition) {
      entries.push(() => ({ key, valueSql: jsonNameSql(type.name), required: true }));
      continue;
    }
    const required = isNonNullType(definition.type);
    const translatable = translatableSourceOf(definition);
    if (translatable) {
      const column = table.findColumnWithPropertyName(translatable.property);
      if (!column || translatable.answers === 'translations') return null;
      const chain = translationChain(content, field.args);
      const nameOf = localeNames(definition.type);
      if (translatable.answers === 'locale' && !nameOf) return null;
      entries.push((alias) => {
        const columnSql = `${alias}."${column.databaseName}"`;
        const valueSql = translatable.answers === 'text' ? pickedTranslationJsonSql(columnSql, chain) : pickedLocaleJsonSql(columnSql, chain, nameOf!);
        return { key, valueSql, required };
      });
      continue;
    }
    const property = properties.get(field.name);
    if (!property) {
      const entry = nested ? nested(type, field) : null;
      if (!entry) return null;
      entries.push(entry);
      continue;
    }
    const column = table.findColumnWithPropertyName(property.property);
    if (!column || property.defaultValue !== undefined) return null;
    const leaf = leafJson(definition.type, typeof column.type === 'string' ? column.type : '');
    if (!leaf) return null;
    entries.push((alias) => ({ key, valueSql: leaf(`${alias}."${column.databaseName}"`), required }));
  }
  return (alias) => entries.map((entry) => entry(alias));
}

/** How a column of `columnType` is written as the JSON of a leaf of `type`; null when not exactly as the scalar serialises it. */
function leafJson(type: GraphQLOutputType, columnType: string): ((column: string) => string) | null {
  const named = getNullableType(type);
  if (isEnumType(named)) {
    const namesAreValues = named.getValues().every((value) => value.name === value.value);
    return columnType === 'enum' && namesAreValues ? jsonColumnSql : null;
  }
  if (!isScalarType(named)) return null;
  switch (named.name) {
    case 'ID':
    case 'String':
      return TEXT_COLUMNS.has(columnType) ? jsonColumnSql : null;
    case 'Int':
      return INT_COLUMNS.has(columnType) ? jsonColumnSql : null;
    case 'Float':
      return columnType === 'double precision' ? jsonFloatSql : null;
    case 'Boolean':
      return columnType === 'boolean' ? jsonColumnSql : null;
    case 'Date':
      return columnType === 'date' ? jsonColumnSql : null;
    case 'DateTime':
      return columnType === 'timestamptz' || columnType === 'timestamp with time zone' ? jsonIsoTimestampSql : null;
    default:
      return null;
  }
}

/** A translatable field's locale as the Locale enum writes it (KY, RU, EN); null when the field's type is not that enum. */
function localeNames(type: GraphQLOutputType): ((locale: Locale) => string) | null {
  const named = getNullableType(type);
  if (!isEnumType(named)) return null;
  return (locale) => {
    const name = named.serialize(locale);
    if (typeof name !== 'string') throw new Error(`no Locale enum value for ${locale}`);
    return name;
  };
}
