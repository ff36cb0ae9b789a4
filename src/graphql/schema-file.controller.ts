import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { printSchema } from 'graphql';
import { createHash } from 'node:crypto';
import fresh from 'fresh';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { Role } from '../auth/role.enum';
import { Public } from '../auth/roles.decorator';
import { AppConfig } from '../config/app-config.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { isAnonymous } from './introspection';

/**
 * The schema as SDL, for tools that read a file rather than introspect (GraphQL Code Generator's
 * `schema: <url>`, GraphQL Inspector, Relay's compiler): the same schema and the same access as
 * introspection (anonymous callers only where the schema is public).
 */
@Controller('graphql')
export class SchemaFileController {
  private sdl: { text: string; etag: string } | null = null;

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly guard: AuthGuard,
    private readonly config: AppConfig,
  ) {}

  @Get('schema.graphql')
  @Public()
  @SkipThrottle()
  @Header('Cache-Control', 'private, no-cache')
  @Header('Vary', 'Authorization')
  async schema(@Req() req: Request, @Res() res: Response): Promise<void> {
    const schemaPublic = !this.config.isProduction || this.config.get('GRAPHQL_INTROSPECTION');
    if (!schemaPublic) {
      const actor = await this.guard.identify(req as AuthenticatedRequest, Object.values(Role), true);
      if (isAnonymous(actor)) {
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'reading the schema needs a token: send Authorization: Bearer <token>');
      }
    }
    const { text, etag } = this.printed();
    res.setHeader('ETag', etag);
    if (fresh(req.headers, { etag })) {
      res.status(304).end();
      return;
    }
    res.type('application/graphql; charset=utf-8').send(text);
  }

  /** Printed once: the schema does not change while the process runs. */
  private printed(): { text: string; etag: string } {
    if (!this.sdl) {
      const text = printSchema(this.schemaHost.schema) + '\n';
      this.sdl = { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` };
    }
    return this.sdl;
  }
}
