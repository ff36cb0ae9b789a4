import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SessionsService } from '../accounts/sessions.service';
import { AppConfig } from '../config/app-config.service';
import { ApiTokensService } from './api-tokens.service';
import { AuthGuard } from './auth.guard';
import { Role } from './role.enum';
import { Public, Roles } from './roles.decorator';

class Handlers {
  undeclared(): void {}
  @Roles(Role.ADMIN)
  adminOnly(): void {}
  @Public()
  open(): void {}
}

function contextFor(handler: keyof Handlers, headers: Record<string, string> = {}): ExecutionContext {
  const req = { headers };
  return {
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard', () => {
  const config = { get: (key: string) => (key === 'ADMIN_TOKEN' ? 'a'.repeat(40) : false) } as unknown as AppConfig;
  const tokens = { authenticate: jest.fn() } as unknown as ApiTokensService;
  const sessions = { resolve: jest.fn() } as unknown as SessionsService;
  const guard = new AuthGuard(new Reflector(), tokens, config, sessions);

  it('refuses an operation that declares no roles, even for ADMIN', async () => {
    await expect(guard.canActivate(contextFor('undeclared', { authorization: `Bearer ${'a'.repeat(40)}` }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets @Public operations through without a token', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('accepts the bootstrap ADMIN_TOKEN without a database lookup', async () => {
    await expect(guard.canActivate(contextFor('adminOnly', { authorization: `Bearer ${'a'.repeat(40)}` }))).resolves.toBe(true);
    expect(tokens.authenticate).not.toHaveBeenCalled();
  });

  it('asks for a token when none is sent', async () => {
    await expect(guard.canActivate(contextFor('adminOnly'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
