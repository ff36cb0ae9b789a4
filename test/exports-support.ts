import request from 'supertest';
import { bearer, TestApp } from './support/test-app';

/** Helpers shared by the exports, progress report and import e2e tests. */

export interface Download {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body as UTF-8 text (BOM kept). */
  text: string;
  /** The parsed JSON error, for non-2xx answers. */
  json: any;
}

/** Collects the raw bytes whatever the content type (supertest would otherwise decode or drop them). */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => done(err, Buffer.alloc(0)));
}

/** GET `path` as the bootstrap admin (or with `token`; '' sends none), with any other `headers` (Accept-Language). */
export async function download(t: TestApp, path: string, token: string = t.adminToken, headers: Record<string, string> = {}): Promise<Download> {
  const req = request(t.app.getHttpServer())
    .get(path)
    .buffer(true)
    .parse((res, done) => binary(res as unknown as NodeJS.ReadableStream, done));
  if (token) void req.set('authorization', bearer(token));
  for (const [name, value] of Object.entries(headers)) void req.set(name, value);
  const res = await req;
  const body = res.body as Buffer;
  const text = body.toString('utf8');
  let json: unknown = null;
  if (res.status >= 300) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, body, text, json };
}

export const CREATE_RECOMMENDATION = `mutation ($input: CreateRecommendationInput!) {
  createRecommendation(input: $input) { id code status version }
}`;

export async function createRecommendation(t: TestApp, input: Record<string, unknown>): Promise<{ id: string; code: string; version: number }> {
  const data = await t.gqlOk(CREATE_RECOMMENDATION, { input: { kind: 'EDUCATION', ...input } });
  return data.createRecommendation;
}

const TRANSITION = `mutation ($input: TransitionRecommendationInput!) {
  transitionRecommendation(input: $input) { id status version }
}`;

/** Moves a recommendation through `statuses` in turn; the last step carries `note`. */
export async function transition(t: TestApp, rec: { id: string; version: number }, statuses: string[], note?: string): Promise<void> {
  let version = rec.version;
  for (const [i, to] of statuses.entries()) {
    const last = i === statuses.length - 1;
    const data = await t.gqlOk(TRANSITION, { input: { id: rec.id, to, expectedVersion: version, ...(last && note ? { note } : {}) } });
    version = data.transitionRecommendation.version;
  }
  rec.version = version;
}

/** A token of another role, made by the bootstrap admin. */
export async function createToken(t: TestApp, role: string, organizationId?: string): Promise<string> {
  const data = await t.gqlOk(
    `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
    { input: { name: `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`, role, organizationId } },
  );
  return data.createApiToken.token;
}
