import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { actorOfSession, SessionsService } from '../accounts/sessions.service';
import { readCookie, SESSION_COOKIE } from '../accounts/session-cookie';
import { AppConfig } from '../config/app-config.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Actor } from './actor';
import { ApiTokensService } from './api-tokens.service';
import { AuthenticatedRequest, requestOf } from './current-actor.decorator';
import { Role } from './role.enum';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { secretsEqual } from './token-secret';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/;

/**
 * Guarded by default: every GraphQL operation and HTTP route must declare who
 * may call it with @Roles (or @Public); anything else is refused. The caller is
 * identified by `Authorization: Bearer <token>`; on HTTP routes (the staff pages,
 * downloads, imports; never GraphQL) by the session cookie of a signed-in person;
 * or reads anonymously as VIEWER when PUBLIC_READ=true.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no @Roles; refused`);
      throw new DomainError(ErrorCode.FORBIDDEN, 'this operation is not open to any role');
    }
    const req = requestOf(context);
    const actor = await this.identify(req, roles, context.getType<string>() === 'http');
    if (!roles.includes(actor.role)) {
      // An anonymous reader was let in for a public field: for any other it still needs a token,
      // whichever field of the operation came first.
      if (actor.tokenId === null && actor.name === 'anonymous') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
      throw new DomainError(ErrorCode.FORBIDDEN, `a ${actor.role} token may not do this`, { role: actor.role });
    }
    return true;
  }

  /**
   * Once per request: a GraphQL operation with several root fields is checked field by field.
   * Public for the response cache, which must know the caller's read scope before executing.
   */
  async identify(req: AuthenticatedRequest, roles: Role[], http: boolean): Promise<Actor> {
    if (req.actor) return req.actor;
    const requestId = typeof req.id === 'string' ? req.id : null;
    const header = req.headers.authorization;
    // GraphQL stays bearer-only: a cookie there would make every mutation a CSRF target.
    const sessionSecret = !header && http ? readCookie(req, SESSION_COOKIE) : null;
    if (sessionSecret) {
      const session = await this.sessions.resolve(sessionSecret);
      if (session) return (req.actor = actorOfSession(session, requestId));
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'your session has ended; sign in again', { reason: 'sessionEnded' });
    }
    if (!header) {
      if (this.config.get('PUBLIC_READ') && roles.includes(Role.VIEWER)) {
        return (req.actor = { tokenId: null, name: 'anonymous', role: Role.VIEWER, organizationId: null, requestId });
      }
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
    }
    const secret = BEARER.exec(header)?.[1];
    if (!secret) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'the Authorization header must be "Bearer <token>"');
    const adminToken = this.config.get('ADMIN_TOKEN');
    if (adminToken && secretsEqual(secret, adminToken)) {
      return (req.actor = { tokenId: null, name: 'bootstrap-admin', role: Role.ADMIN, organizationId: null, requestId });
    }
    const token = await this.tokens.authenticate(secret);
    // A personal token acts as its owner, with the owner's current role and organisation.
    return (req.actor = token.user
      ? {
          tokenId: token.id,
          userId: token.user.id,
          name: token.user.displayName,
          role: token.user.role,
          organizationId: token.user.organizationId,
          requestId,
        }
      : { tokenId: token.id, name: token.name, role: token.role, organizationId: token.organizationId, requestId });
  }
}
