import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../config/app-config.service';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensResolver } from './api-tokens.resolver';
import { ApiTokensService } from './api-tokens.service';
import { AuthGuard } from './auth.guard';
import { AuthenticatedRequest } from './current-actor.decorator';
import { CsrfGuard } from './csrf.guard';
import { FirstRunAdminToken } from './first-run-admin-token';
import { RateLimitGuard } from './rate-limit.guard';
import { LocalThrottlerStorage } from './local-throttler-storage';
import { SharedThrottlerStorage } from './shared-throttler-storage';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiToken } from './api-token.entity';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    TypeOrmModule.forFeature([ApiToken]),
    OrganizationsModule,
    AccountsModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // One budget across instances with REDIS_URL; per instance (in memory) without.
        storage: config.get('REDIS_URL') ? new SharedThrottlerStorage(config.get('REDIS_URL')!, config.get('RATE_LIMIT_REDIS_PREFIX')) : new LocalThrottlerStorage(),
        throttlers: [
          {
            name: 'default',
            ttl: MINUTE_MS,
            blockDuration: MINUTE_MS,
            limit: (context) => {
              const req = RateLimitGuard.requestOf(context) as AuthenticatedRequest | undefined;
              return req?.actor && req.actor.name !== 'anonymous'
                ? config.get('RATE_LIMIT_PER_MINUTE')
                : config.get('RATE_LIMIT_ANONYMOUS_PER_MINUTE');
            },
          },
        ],
      }),
    }),
  ],
  providers: [
    ApiTokensRepository,
    ApiTokensService,
    ApiTokensResolver,
    FirstRunAdminToken,
    AuthGuard,
    RateLimitGuard,
    // Order matters: identify the caller first (its session decides the CSRF token), then count against its budget.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [ApiTokensService, AuthGuard, RateLimitGuard],
})
export class AuthModule {}
