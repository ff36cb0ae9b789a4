import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { FirstRunAdminUser } from './first-run-admin-user';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountLink } from './account-link.entity';
import { SignInFailure } from './sign-in-failure.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';
import { OrganizationsModule } from '../organizations/organizations.module';

/** People and their sessions. The AuthGuard uses SessionsService; the staff pages use the rest. */
@Module({
  // A user may belong to an organisation (its entity and the check that it exists).
  imports: [TypeOrmModule.forFeature([User, UserSession, AccountLink, SignInFailure]), OrganizationsModule],
  providers: [AccountsRepository, PasswordHasher, SignInThrottle, SessionsService, UsersService, FirstRunAdminUser],
  exports: [SessionsService, UsersService, FirstRunAdminUser],
})
export class AccountsModule {}
