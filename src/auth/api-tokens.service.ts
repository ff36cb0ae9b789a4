import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Actor } from './actor';
import { ApiToken } from './api-token.entity';
import { ApiTokensRepository } from './api-tokens.repository';
import { CreateApiTokenInput } from './dto/create-api-token.input';
import { assertOrganizationFitsRole, assertOrganizationNamedForRole } from './organization-roles';
import { generateTokenSecret, hashTokenSecret } from './token-secret';

/** lastUsedAt is kept to the minute: no write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiTokensService {
  /** When this process last wrote lastUsedAt, per token. */
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  /** Creates a token; the secret is returned here and never again. */
  async create(input: CreateApiTokenInput, actor: Actor): Promise<{ token: string; apiToken: ApiToken }> {
    assertOrganizationNamedForRole(input.role, input.organizationId, 'token');
    const token = generateTokenSecret();
    const apiToken = await this.tokens.transaction(async (tx) => {
      await assertOrganizationFitsRole(tx, input.role, input.organizationId);
      const saved = await this.tokens.insert(tx, {
        name: input.name,
        role: input.role,
        organizationId: input.organizationId ?? null,
        tokenHash: hashTokenSecret(token),
        lastUsedAt: null,
        revokedAt: null,
      });
      await this.audit.record(tx, {
        actor,
        action: 'apiToken.create',
        entityType: 'ApiToken',
        entityId: saved.id,
        before: null,
        after: withoutHash(saved),
      });
      return saved;
    });
    return { token, apiToken };
  }

  async revoke(id: string, actor: Actor): Promise<ApiToken> {
    if (!isUUID(id)) throw DomainError.badInput('id', 'must be a UUID');
    return this.tokens.transaction(async (tx) => {
      const before = await this.tokens.findById(id, tx);
      if (!before) throw DomainError.notFound('ApiToken', id);
      if (before.revokedAt) return before;
      await this.tokens.revoke(tx, id);
      const after = await this.tokens.findByIdOrFail(tx, id);
      await this.audit.record(tx, {
        actor,
        action: 'apiToken.revoke',
        entityType: 'ApiToken',
        entityId: id,
        before: withoutHash(before),
        after: withoutHash(after),
      });
      return after;
    });
  }

  /** A user's own tokens (for their scripts), newest first. */
  listPersonal(userId: string): Promise<ApiToken[]> {
    return this.tokens.list(userId);
  }

  /**
   * A personal token for the signed-in person: it acts as them, with their
   * role and organisation at the time of each use. The secret is returned once.
   */
  async createPersonal(name: string, actor: Actor): Promise<{ token: string; apiToken: ApiToken }> {
    if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'personal tokens belong to a signed-in person');
    const userId = actor.userId;
    const token = generateTokenSecret();
    const apiToken = await this.tokens.transaction(async (tx) => {
      const saved = await this.tokens.insert(tx, {
        name,
        role: actor.role,
        organizationId: actor.organizationId,
        userId,
        tokenHash: hashTokenSecret(token),
        lastUsedAt: null,
        revokedAt: null,
      });
      await this.audit.record(tx, { actor, action: 'apiToken.create', entityType: 'ApiToken', entityId: saved.id, before: null, after: withoutHash(saved) });
      return saved;
    });
    return { token, apiToken };
  }

  /** Revokes one of the person's own tokens; another's is NOT_FOUND to them. */
  async revokePersonal(id: string, actor: Actor): Promise<ApiToken> {
    if (!isUUID(id)) throw DomainError.badInput('id', 'must be a UUID');
    const token = await this.tokens.findById(id);
    if (!token || !actor.userId || token.userId !== actor.userId) throw DomainError.notFound('ApiToken', id);
    return this.revoke(id, actor);
  }

  /** The token behind a secret, or UNAUTHENTICATED for an unknown or revoked one (or a deactivated owner's). */
  async authenticate(secret: string): Promise<ApiToken> {
    // From the primary, never a lagging replica: a revoked token must stop working at once.
    const token = await this.tokens.findByHash(hashTokenSecret(secret));
    if (!token || token.revokedAt) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, token ? 'this token has been revoked' : 'unknown token');
    }
    if (token.user?.deactivatedAt) throw new DomainError(ErrorCode.UNAUTHENTICATED, "this token's owner has been deactivated");
    this.noteUse(token);
    return token;
  }

  /** Records lastUsedAt at most once a minute per token and process, off the request's path. */
  private noteUse(token: ApiToken): void {
    const now = Date.now();
    const last = this.lastUsedWrites.get(token.id) ?? token.lastUsedAt?.getTime() ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(token.id, now);
    this.tokens.touchLastUsed(token.id).catch(() => this.lastUsedWrites.delete(token.id));
  }
}

function withoutHash(token: ApiToken): Omit<ApiToken, 'tokenHash' | 'user'> {
  const { tokenHash: _hash, user: _user, ...rest } = token;
  return rest;
}
