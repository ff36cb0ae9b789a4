import { GraphQLObjectType, GraphQLOutputType, getNullableType, isEnumType, isNonNullType, isScalarType } from 'graphql';
import { DataSource } from 'typeorm';
import type { ContentLocales } from '../../i18n/content-locales';
import { isLocale, Locale } from '../../i18n/locales';
import { translatableSourceOf, translationChain } from '../../i18n/translatable-field';
import { collectedFields, propertyFields, SelectionScope, typeClass } from './selection';
import type { FieldNode } from 'graphql';

/** A related row's selection written as SQL: the JSON object over the row's alias. */
export interface RowJsonSql {
  objectSql: (alias: string) => string;
}

/**
 * What a field the schema makes non-null is written as when its value is null: a string
 * starting with NUL, which no text read from PostgreSQL can hold, so finding it in the JSON
 * text (MISSING_IN_TEXT) tells that the answer would differ from the resolvers'.
 */
const MISSING_JSON = `'"\\u0000missing"'::json`;
export const MISSING_IN_TEXT = '"\\u0000missing"';

/** json_build_object takes at most 100 arguments: 50 keys. */
const MAX_KEYS = 50;
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

const TEXT_COLUMNS = new Set(['uuid', 'varchar', 'character varying', 'text']);
const INT_COLUMNS = new Set(['int', 'integer', 'int4', 'smallint', 'int2']);
/** A DateTime as graphql's DateTime scalar writes a JS Date: toISOString(), milliseconds and Z (microseconds cut, as postgres-date reads them). */
const ISO_TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The SQL that writes the JSON an object selection answers for one row of `type`'s entity, or
 * null when any selected field cannot be written by PostgreSQL exactly as the resolvers would
 * answer it (the page is then executed as usual). Written: __typename, column properties whose
 * scalar PostgreSQL's JSON writes the same way (ID, String, Int, Boolean, Date, DateTime and enums
 * whose values are their names), and translatable texts and locales with the same fallback as
 * pickTranslation (an empty text counts as missing).
 */
export function rowJsonSql(
  db: DataSource,
  scope: SelectionScope,
  content: ContentLocales,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): RowJsonSql | null {
  const entity = typeClass(type);
  if (!entity || !db.hasMetadata(entity)) return null;
  const table = db.getMetadata(entity);
  const properties = propertyFields(type);
  const parts: ((alias: string) => string)[] = [];
  const fields = collectedFields(scope, type, nodes);
  if (fields.length > MAX_KEYS) return null;
  for (const field of fields) {
    if (!NAME.test(field.key)) return null;
    if (!field.definition) {
      parts.push(() => `'${field.key}', '${type.name}'`);
      continue;
    }
    const required = isNonNullType(field.definition.type);
    const checked = (sql: string) => (required ? `coalesce(${sql}, ${MISSING_JSON})` : sql);
    const translatable = translatableSourceOf(field.definition);
    if (translatable) {
      const column = table.findColumnWithPropertyName(translatable.property);
      if (!column || translatable.answers === 'translations') return null;
      const chain = translationChain(content, field.args);
      if (!chain.every(isLocale)) return null;
      const fieldType = field.definition.type;
      const columnSql = (alias: string) => `${alias}."${column.databaseName}"`;
      const value =
        translatable.answers === 'text'
          ? (alias: string) => translatedTextSql(columnSql(alias), chain)
          : (alias: string) => servedLocaleSql(columnSql(alias), chain, fieldType);
      parts.push((alias) => `'${field.key}', ${checked(value(alias))}`);
      continue;
    }
    const property = properties.get(field.name);
    const column = property ? table.findColumnWithPropertyName(property.property) : undefined;
    if (!column || property?.defaultValue !== undefined) return null;
    const leaf = leafSql(field.definition.type, typeof column.type === 'string' ? column.type : '');
    if (!leaf) return null;
    parts.push((alias) => `'${field.key}', ${checked(leaf(`${alias}."${column.databaseName}"`))}`);
  }
  if (!parts.length) return null;
  return { objectSql: (alias) => `json_build_object(${parts.map((part) => part(alias)).join(', ')})` };
}

/** How a column of `columnType` is written as the JSON of a leaf of `type`; null when not exactly as the scalar serialises it. */
function leafSql(type: GraphQLOutputType, columnType: string): ((column: string) => string) | null {
  const named = getNullableType(type);
  if (isEnumType(named)) {
    const namesAreValues = named.getValues().every((value) => value.name === value.value);
    return columnType === 'enum' && namesAreValues ? (column) => `to_json(${column})` : null;
  }
  if (!isScalarType(named)) return null;
  switch (named.name) {
    case 'ID':
    case 'String':
      return TEXT_COLUMNS.has(columnType) ? (column) => `to_json(${column})` : null;
    case 'Int':
      return INT_COLUMNS.has(columnType) ? (column) => `to_json(${column})` : null;
    case 'Boolean':
      return columnType === 'boolean' ? (column) => `to_json(${column})` : null;
    case 'Date':
      return columnType === 'date' ? (column) => `to_json(${column})` : null;
    case 'DateTime':
      return columnType === 'timestamptz' || columnType === 'timestamp with time zone'
        ? (column) => `to_json(to_char(${column} AT TIME ZONE 'UTC', ${ISO_TIMESTAMP}))`
        : null;
    default:
      return null;
  }
}

function translatedTextSql(column: string, chain: readonly Locale[]): string {
  return `to_json(coalesce(${chain.map((locale) => `nullif(${column}->>'${locale}', '')`).join(', ')}))`;
}

/** The locale a translatable text is served in, as the Locale enum writes it (KY, RU, EN); null when it has no text. */
function servedLocaleSql(column: string, chain: readonly Locale[], type: GraphQLOutputType): string {
  const named = getNullableType(type);
  if (!isEnumType(named)) throw new Error('a translatable field’s locale is the Locale enum');
  const cases = chain.map((locale) => {
    const name = named.serialize(locale);
    if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`no Locale enum value for ${locale}`);
    return `WHEN nullif(${column}->>'${locale}', '') IS NOT NULL THEN '${name}'`;
  });
  return `to_json(CASE ${cases.join(' ')} END)`;
}
