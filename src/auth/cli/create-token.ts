import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { AuditRepository } from '../../audit/audit.repository';
import { AuditService } from '../../audit/audit.service';
import dataSource from '../../database/data-source';
import { ApiTokensRepository } from '../api-tokens.repository';
import { ApiTokensService } from '../api-tokens.service';
import { CreateApiTokenInput } from '../dto/create-api-token.input';
import { Role } from '../role.enum';

const USAGE = 'usage: npm run token:create -- --name NAME --role ADMIN|EDITOR|MINISTRY|ANALYST|VIEWER|NGO [--organization ORGANIZATION_ID]';

/**
 * `npm run token:create`: for operators with database access (the first tokens,
 * or when no ADMIN token is at hand). Prints the secret once; the audit trail
 * records the operator's OS user.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, role: { type: 'string' }, organization: { type: 'string' } },
  });
  const input = plainToInstance(CreateApiTokenInput, {
    name: values.name,
    role: values.role?.toUpperCase(),
    organizationId: values.organization,
  });
  const errors = await validate(input);
  if (errors.length) {
    throw new Error(`${errors.map((e) => Object.values(e.constraints ?? {}).join('; ')).join('\n')}\n${USAGE}`);
  }
  await dataSource.initialize();
  try {
    const tokens = new ApiTokensService(new ApiTokensRepository(dataSource), new AuditService(new AuditRepository(dataSource)));
    const operator = `cli:${process.env.USER ?? 'operator'}`;
    const { token, apiToken } = await tokens.create(input, {
      tokenId: null,
      name: operator,
      role: Role.ADMIN,
      organizationId: null,
      requestId: null,
    });
    console.log(`created ${apiToken.role} token "${apiToken.name}" (${apiToken.id}). Store it now; it is not shown again:`);
    console.log(token);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
