import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import { GqlArgumentsHost, GqlContextType } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { translateDatabaseError } from './database-errors';
import { storageFailures } from './storage-failures';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
};

const CODE_HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INVALID_TRANSITION]: HttpStatus.CONFLICT,
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.INTERNAL_SERVER_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * The pages' error filter, when the site is part of the application (the web module provides it):
 * a NOT_FOUND for a browser's GET (an address no route matches, an unknown download) is answered
 * with the "page not found" page in the visitor's language instead of the API's JSON. A token, so
 * that this layer imports no page.
 */
export const ERROR_PAGES = Symbol('ERROR_PAGES');

/** A GET (or HEAD) that prefers HTML to JSON: a browser opening an address, not an API client. */
function asksForPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
}

export interface ClientError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/**
 * The one place where failures become what a client sees. Domain errors keep
 * their code and message; known database errors are translated; anything else
 * is logged with the request id and answered as INTERNAL_SERVER_ERROR, without
 * its message, stack or SQL.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: { catch(exception: unknown, host: ArgumentsHost): unknown }) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') {
      return this.toGraphqlError(exception, GqlArgumentsHost.create(host).getContext<{ req?: Request & { id?: unknown } }>().req);
    }
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const error = this.toClientError(exception, req);
    const status = this.httpStatus(exception, error);
    if (error.code === ErrorCode.NOT_FOUND && this.pages && asksForPage(req)) return this.pages.catch(exception, host);
    // The request id (also the x-request-id header) in every error body, as in GraphQL's extensions.
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined;
    res.status(status).json({ error: { code: error.code, message: error.message, ...error.details, ...(requestId ? { requestId } : {}) } });
    return undefined;
  }

  /** What a GraphQL client sees of a failure (also used for field resolvers, see fieldErrorsPlugin). */
  toGraphqlError(exception: unknown, req: (Request & { id?: unknown }) | undefined): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    const error = this.toClientError(exception, req);
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }

  /** The HTTP status of a failure over HTTP (the web pages' error filter uses it too). */
  httpStatus(exception: unknown, error: ClientError): number {
    return exception instanceof HttpException && error.code !== ErrorCode.INTERNAL_SERVER_ERROR
      ? exception.getStatus()
      : CODE_HTTP_STATUS[error.code];
  }

  toClientError(exception: unknown, req: (Request & { id?: unknown }) | undefined): ClientError {
    const translated = translateDatabaseError(exception);
    if (translated instanceof DomainError) {
      return { code: translated.code, message: translated.message, details: translated.details };
    }
    if (translated instanceof HttpException) {
      const code = HTTP_STATUS_CODES[translated.getStatus()];
      if (code) return { code, message: httpMessage(translated), details: {} };
    }
    // A disk-full database answers pings but no writes: /health reports it (storage-failures.ts).
    storageFailures.record(translated);
    const requestId = typeof req?.id === 'string' || typeof req?.id === 'number' ? String(req.id) : undefined;
    this.logger.error(
      { err: translated, requestId },
      `unexpected error${requestId ? ` in request ${requestId}` : ''}`,
    );
    return {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: `Internal server error${requestId ? ` (request id ${requestId})` : ''}`,
      details: requestId ? { requestId } : {},
    };
  }
}

function httpMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
