import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, getNullableType, GraphQLObjectType, GraphQLSchema, isListType, isNonNullType, isObjectType, parse } from 'graphql';
import { Client } from 'pg';
import request from 'supertest';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { LIST_BOUNDS, listBoundOf, ListBoundsService } from '../src/graphql/list-bounds';
import { costOf } from '../src/graphql/query-limits.plugin';
import { expectError } from './support/expect-error';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** What the cost limit must keep an answer and the process under, at scale 1 of the synthetic data. */
const MAX_ANSWER_BYTES = 20 * 1024 * 1024;
const MAX_HEAP_GROWTH_BYTES = 400 * 1024 * 1024;
const MAX_COMPLEXITY = 100_000;
const MAX_ROOT_FIELDS = 15;

/** The probe's query: unpaginated lists nested four deep, six times over (issue 21, item 2). */
const PROBE = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: barriers { recommendations { barriers { recommendations { code title } } } }`).join(' ')} }`;

/** The scalar fields of a type that need no argument, and its translation lists. */
function leaves(type: GraphQLObjectType): string[] {
  const selected: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named)) selected.push(field.name);
    else if (field.name.endsWith('Translations')) selected.push(`${field.name} { locale text }`);
  }
  return selected;
}

/** Unpaginated lists of objects a type has (translations aside). */
function nestedLists(type: GraphQLObjectType): { name: string; type: GraphQLObjectType }[] {
  return Object.values(type.getFields())
    .filter((f) => isListType(getNullableType(f.type)) && isObjectType(getNamedType(f.type)) && !f.name.endsWith('Translations'))
    .filter((f) => !f.args.some((arg) => isNonNullType(arg.type)))
    .map((f) => ({ name: f.name, type: getNamedType(f.type) as GraphQLObjectType }));
}

/**
 * Every shape a caller can ask of the unpaginated root lists, up to three lists deep: each
 * level with all its scalar fields (the widest answer per item).
 */
function shapes(schema: GraphQLSchema): string[] {
  const query = schema.getQueryType()!;
  const out: string[] = [];
  const walk = (type: GraphQLObjectType, depth: number): string[] => {
    const own = leaves(type).join(' ');
    const found = [own];
    if (depth === 0) return found;
    for (const nested of nestedLists(type)) {
      for (const inner of walk(nested.type, depth - 1)) found.push(`${own} ${nested.name} { ${inner} }`);
    }
    return found;
  };
  for (const field of Object.values(query.getFields())) {
    if (!isListType(getNullableType(field.type)) || !isObjectType(getNamedType(field.type))) continue;
    // A required year (reportingCompleteness) is given one: its answer's size does not depend on which.
    const required = field.args.filter((arg) => isNonNullType(arg.type));
    if (required.some((arg) => getNamedType(arg.type).name !== 'Int')) continue;
    const args = required.length ? `(${required.map((arg) => `${arg.name}: 2025`).join(', ')})` : '';
    for (const selection of walk(getNamedType(field.type) as GraphQLObjectType, 2)) out.push(`${field.name}${args} { ${selection} }`);
  }
  return out;
}

describe('bounded answers: unpaginated lists are costed by what the data holds (synthetic data, scale 1)', () => {
  let t: TestApp;
  let client: Client;
  let schema: GraphQLSchema;

  const post = async (query: string) => {
    const res = await request(t.app.getHttpServer()).post('/graphql').set('authorization', bearer(t.adminToken)).send({ query });
    return { status: res.status, bytes: Buffer.byteLength(res.text, 'utf8'), body: res.body as { data?: unknown; errors?: { extensions: { code: string; limit?: string } }[] } };
  };

  beforeAll(async () => {
    // Measured before every operation: the data is loaded after the app started.
    t = await createTestApp({ GRAPHQL_LIST_BOUNDS_MAX_AGE: '0', GRAPHQL_MAX_COMPLEXITY: String(MAX_COMPLEXITY), GRAPHQL_MAX_ROOT_FIELDS: String(MAX_ROOT_FIELDS) });
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await loadSyntheticData(client, 1, { reset: true });
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  it('knows how long every unpaginated list of the schema can grow', () => {
    const unknown: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && !listBoundOf(type.name, field.name)) unknown.push(`${type.name}.${field.name}`);
      }
    }
    expect(unknown).toEqual([]);
    // And nothing in the table that the schema no longer has.
    for (const key of Object.keys(LIST_BOUNDS)) {
      const [typeName, fieldName] = key.split('.');
      expect((schema.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fieldName]).toBeDefined();
    }
  });

  it("refuses the probe's query before running it, naming the cost limit", async () => {
    const res = await t.gql(PROBE);
    expect(res.data ?? undefined).toBeUndefined();
    expect(expectError(res, 'BAD_USER_INPUT', /estimated cost/).extensions?.limit).toBe('maxComplexity');
    // One level less, and with one alias, is refused as well: 2,000 barriers times their recommendations times theirs.
    const smaller = await post('{ barriers { recommendations { barriers { code: id } } } }');
    expect(smaller.body.errors?.[0].extensions.limit).toBe('maxComplexity');
  });

  it(`answers every admitted shape of the unpaginated lists in under ${MAX_ANSWER_BYTES / 1024 / 1024} MB, the heap growing less than ${MAX_HEAP_GROWTH_BYTES / 1024 / 1024} MB`, async () => {
    const lengths = await t.app.get(ListBoundsService).current();
    const admitted: { query: string; cost: number }[] = [];
    for (const shape of shapes(schema)) {
      const one = costOf(schema, lengths, parse(`{ ${shape} }`), {});
      if (one > MAX_COMPLEXITY) continue;
      // As many aliases of it as the limits admit: the largest answer of this shape.
      const copies = Math.min(MAX_ROOT_FIELDS, Math.floor(MAX_COMPLEXITY / one));
      const query = `{ ${Array.from({ length: copies }, (_, i) => `a${i}: ${shape}`).join(' ')} }`;
      admitted.push({ query, cost: costOf(schema, lengths, parse(query), {}) });
    }
    // The widest ones first: they are the point.
    admitted.sort((a, b) => b.cost - a.cost);
    const largest = admitted.slice(0, 12);
    expect(largest.length).toBeGreaterThan(5);
    let biggest = { bytes: 0, growth: 0, query: '' };
    for (const { query } of largest) {
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }, 5);
      const res = await post(query);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      expect(res.body.errors).toBeUndefined();
      expect(res.status).toBe(200);
      if (res.bytes > biggest.bytes) biggest = { bytes: res.bytes, growth: peak - before, query: query.slice(0, 160) };
      expect(res.bytes).toBeLessThan(MAX_ANSWER_BYTES);
      expect(peak - before).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    }
    const measured = Object.keys(LIST_BOUNDS).map((key) => `${key}=${lengths.lengthOf(key.split('.')[0], key.split('.')[1])}`);
    console.log(
      `[bounded-answers] list lengths ${measured.join(', ')}; ${admitted.length} admitted shapes; largest answer ${(biggest.bytes / 1024 / 1024).toFixed(1)} MB, heap +${(biggest.growth / 1024 / 1024).toFixed(0)} MB: ${biggest.query}…`,
    );
  });
});
