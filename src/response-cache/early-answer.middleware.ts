import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import Negotiator from 'negotiator';
import { AppConfig } from '../config/app-config.service';
import { isPreflighted } from '../graphql/csrf-prevention';
import { ContentLocaleService } from '../i18n/content-locales';
import { SqlStatementCounter } from '../database/sql-statement-counter';
import { AnswerLabeller, etagMatches, OperationRequest } from './answer-labeller';
import { AnswerEncoding, COMPRESS_FROM_BYTES, ResponseCacheService } from './response-cache.service';

const SHA256_HEX = /^[a-f0-9]{64}$/;

/**
 * Answers a GraphQL query whose ETag is current (304) or whose answer is cached (200, the stored
 * serialisation as it is) before Apollo: no parse, no validation, no plugins, no serialising the
 * answer again; the profile of both paths was dominated by them (docs/benchmarks.md). Only what
 * the ResponseCachePlugin has labelled before qualifies: a query operation of a known document
 * (by hash, as Apollo hashes it), so it has already passed Apollo's checks and the query limits
 * for these variables. It keeps the plugin's rules (AnswerLabeller: the key, the caller's read
 * scope, the rate-limit charge, the headers); the logging, request-id, CORS and security headers
 * come from the middleware before it, as for any request. Anything else, or anything unusual
 * (a GET without Apollo's CSRF header, a version above this instance's, an error), goes to Apollo.
 */
@Injectable()
export class EarlyAnswerMiddleware implements NestMiddleware {
  private readonly exposeStatements: boolean;

  constructor(
    private readonly cache: ResponseCacheService,
    private readonly labeller: AnswerLabeller,
    private readonly contentLocales: ContentLocaleService,
    config: AppConfig,
  ) {
    this.exposeStatements = config.get('EXPOSE_SQL_STATEMENT_COUNT');
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const request = this.cache.enabled ? operationOf(req) : null;
    if (!request) return next();
    // As the GraphQL context negotiates it (graphql-options.factory.ts).
    const operation = { ...request, locale: this.contentLocales.forRequest(req.headers['accept-language']).locale };
    this.answer(req, res, operation).then(
      (answered) => answered || next(),
      // Apollo then answers it, errors and all.
      () => next(),
    );
  }

  private async answer(req: Request, res: Response, operation: OperationRequest): Promise<boolean> {
    const known = this.cache.knownOperation(operation.queryHash, operation.operationName);
    if (!known) return false;
    const label = await this.labeller.label(req, operation, null);
    if (!label) return false;
    const revalidated = etagMatches(req.headers['if-none-match'], label.etag);
    const cached = revalidated ? undefined : await this.cache.get(label.key, label.version);
    if (!revalidated && !cached) return false;
    const encoding = cached && cached.body.length >= COMPRESS_FROM_BYTES ? answerEncoding(req) : null;
    // A coding cached answers are not kept in (deflate): Apollo answers, and the middleware compresses.
    if (encoding === undefined) return false;
    // Over the limit: Apollo executes it, and the guard answers TOO_MANY_REQUESTS with Retry-After.
    if (!(await this.labeller.charge(req, res))) return false;
    // The GraphQL context's Content-Language, then the label's headers (Vary included), as on Apollo's answers.
    res.setHeader('content-language', operation.locale);
    for (const [name, value] of this.labeller.headers(label)) res.setHeader(name, value);
    const statements = this.exposeStatements ? SqlStatementCounter.current() : undefined;
    if (statements !== undefined) res.setHeader('x-sql-statements', String(statements));
    if (!cached) {
      res.status(304).end();
      return true;
    }
    // A coding cached answers are not kept in (deflate): Apollo answers, and the middleware compresses.
    if (encoding === undefined) return false;
    res.status(200).setHeader('content-type', 'application/json; charset=utf-8');
    // Compressed as the compression middleware would, but once per cached answer: a Content-Encoding
    // already set makes the middleware leave the body alone.
    res.vary('Accept-Encoding');
    const body = encoding ? this.cache.encodedBody(label.key, cached, encoding) : cached.body;
    if (encoding) res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', body.length);
    res.end(body);
    return true;
  }
}

/**
 * The coding the client prefers, chosen as the compression middleware chooses: null for the body as it
 * is, undefined for a coding cached answers are not kept in.
 */
function answerEncoding(req: Request): AnswerEncoding | null | undefined {
  const encoding = new Negotiator(req).encoding(['br', 'gzip', 'deflate', 'identity']);
  if (encoding === 'br' || encoding === 'gzip') return encoding;
  return encoding === 'deflate' ? undefined : null;
}

/**
 * The operation of a GET (persisted query or document in the query string, with Apollo's CSRF
 * header) or of a POST with a JSON body; null for anything Apollo alone should judge.
 */
function operationOf(req: Request): Omit<OperationRequest, 'locale'> | null {
  let query: unknown;
  let hash: unknown;
  let operationName: unknown;
  let variables: unknown;
  // Apollo's CSRF prevention, on every method: what it would block never gets an answer here.
  if (!isPreflighted(req)) return null;
  if (req.method === 'GET') {
    const params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    if (params.getAll('extensions').length > 1 || params.getAll('variables').length > 1) return null;
    try {
      const extensions = JSON.parse(params.get('extensions') ?? 'null') as { persistedQuery?: { sha256Hash?: unknown } } | null;
      hash = extensions?.persistedQuery?.sha256Hash;
      variables = JSON.parse(params.get('variables') ?? 'null');
    } catch {
      return null;
    }
    query = params.get('query') ?? undefined;
    operationName = params.get('operationName');
  } else if (req.method === 'POST') {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const extensions = body.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
    ({ query, operationName, variables } = body);
    hash = typeof extensions === 'object' && extensions ? extensions.persistedQuery?.sha256Hash : undefined;
  } else {
    return null;
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (hash !== undefined && (typeof hash !== 'string' || !SHA256_HEX.test(hash))) return null;
  if (query !== undefined && typeof query !== 'string') return null;
  // Apollo's queryHash: the SHA-256 of the document; a persisted query's hash must be that of its document.
  const queryHash = query !== undefined ? createHash('sha256').update(query).digest('hex') : hash;
  if (typeof queryHash !== 'string' || (hash !== undefined && hash !== queryHash)) return null;
  return { queryHash, operationName: operationName ?? null, variables };
}
