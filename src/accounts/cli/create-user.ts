import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseArgs } from 'node:util';
import { AuditRepository } from '../../audit/audit.repository';
import { AuditService } from '../../audit/audit.service';
import { Role } from '../../auth/role.enum';
import { AppConfig } from '../../config/app-config.service';
import { validateEnvironment } from '../../config/environment';
import dataSource from '../../database/data-source';
import { AccountsRepository } from '../accounts.repository';
import { InviteUserInput } from '../dto/invite-user.input';
import { PasswordHasher } from '../password-hasher';
import { JobQueue } from '../../jobs/job-queue';
import { UsersService } from '../users.service';

const USAGE =
  'usage: npm run user:create -- --email ADDRESS --role ADMIN|EDITOR|MINISTRY|ANALYST|VIEWER|NGO [--name "DISPLAY NAME"] [--organization ORGANIZATION_ID] [--language ky|ru|en]';

/**
 * `npm run user:create`: for operators with database access (the first admin on
 * a PostgreSQL server). Prints a one-time set-password link; the audit trail
 * records the operator's OS user.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      organization: { type: 'string' },
      language: { type: 'string' },
    },
  });
  const input = plainToInstance(InviteUserInput, {
    email: values.email,
    displayName: values.name ?? values.email?.split('@')[0],
    role: values.role?.toUpperCase(),
    organizationId: values.organization,
    preferredLanguage: values.language ?? 'ru',
  });
  const errors = await validate(input);
  if (errors.length) {
    throw new Error(`${errors.map((e) => Object.values(e.constraints ?? {}).join('; ')).join('\n')}\n${USAGE}`);
  }
  const env = validateEnvironment(process.env);
  const config = new AppConfig(env);
  await dataSource.initialize();
  try {
    // With SMTP_URL the link is also mailed by the service's worker (a job queued with the account).
    const jobs = new JobQueue(dataSource);
    if (config.get('SMTP_URL')) await jobs.ready();
    const users = new UsersService(new AccountsRepository(dataSource), new AuditService(new AuditRepository(dataSource)), new PasswordHasher(), config, jobs);
    const { user, link } = await users.invite(input, {
      tokenId: null,
      name: `cli:${process.env.USER ?? 'operator'}`,
      role: Role.ADMIN,
      organizationId: null,
      requestId: null,
    });
    console.log(`created ${user.role} user ${user.email} (${user.id}). Give them this one-time link to choose a password`);
    console.log(`(valid until ${link.expiresAt.toISOString()}; it is not shown again):`);
    console.log(link.url);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
