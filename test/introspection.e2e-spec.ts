import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, buildSchema } from 'graphql';
import request from 'supertest';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const committedSchema = () => printSchema(lexicographicSortSchema(buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'))));

describe('reading the schema in production (issue 27)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the full standard introspection query to an authenticated caller, past the depth and cost limits', async () => {
    const res = await t.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data as never)));
    expect(served).toBe(committedSchema());
  });

  it('refuses it to an anonymous caller with 401 UNAUTHENTICATED and says what to send', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }', {}, { authorization: '' });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/Authorization: Bearer/);
    expect(res.data ?? null).toBeNull();
  });

  it('still refuses introspection that nests without end (graphql-js MaxIntrospectionDepthRule)', async () => {
    const res = await t.gql('{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a query over the depth limit with 400, not 500, so that clients do not retry it', async () => {
    const deep = '{ recommendations { edges { node { meeting { recommendations { barriers { recommendations { meeting { recommendations { barriers { title } } } } } } } } } } }';
    const res = await t.gql(deep);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]).toMatchObject({ extensions: { limit: 'maxDepth' } });
    expect(res.status).toBe(400);
  });

  it('serves the SDL at GET /graphql/schema.graphql to authenticated callers, with an ETag', async () => {
    const http = request(t.app.getHttpServer());
    const anonymous = await http.get('/graphql/schema.graphql');
    expect(anonymous.status).toBe(401);
    const res = await http.get('/graphql/schema.graphql').set('authorization', bearer(TEST_ADMIN_TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/graphql/);
    expect(printSchema(lexicographicSortSchema(buildSchema(res.text)))).toBe(committedSchema());
    const again = await http.get('/graphql/schema.graphql').set('authorization', bearer(TEST_ADMIN_TOKEN)).set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);
  });
});

describe('GraphQL Code Generator against the running service (issue 27)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
    await t.app.listen(0, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'codegen-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates TypeScript types by introspecting the service with a token', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const out = join(dir, 'types.ts');
    const config = join(dir, 'codegen.json');
    writeFileSync(
      config,
      JSON.stringify({
        schema: [{ [`http://127.0.0.1:${port}/graphql`]: { headers: { authorization: bearer(TEST_ADMIN_TOKEN) } } }],
        generates: { [out]: { plugins: ['typescript'] } },
      }),
    );
    // Asynchronously: the service answering the introspection runs in this process.
    const result = await promisify(execFile)('npx', ['graphql-codegen', '--config', config], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    const types = readFileSync(out, 'utf8');
    expect(types).toMatch(/export type Recommendation = (Node & )?\{/);
    expect(types).toMatch(/export type RecommendationStatus =|export enum RecommendationStatus/);
  });
});
