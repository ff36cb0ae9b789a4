import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { FirstRunAdminUser } from './first-run-admin-user';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';
import { UsersService } from './users.service';

/** People and their sessions. The AuthGuard uses SessionsService; the staff pages use the rest. */
@Module({
  providers: [AccountsRepository, PasswordHasher, SignInThrottle, SessionsService, UsersService, FirstRunAdminUser],
  exports: [SessionsService, UsersService, FirstRunAdminUser],
})
export class AccountsModule {}
