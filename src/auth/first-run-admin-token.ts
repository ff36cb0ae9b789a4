import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { Role } from './role.enum';

export const FIRST_ADMIN_TOKEN_FILE = 'first-admin-token.txt';

/**
 * The newcomer's first start on the embedded database: with no token at all and
 * no ADMIN_TOKEN configured, nobody could call the API. So one ADMIN token is
 * created, logged once and written to DATA_DIR/first-admin-token.txt (mode 0600,
 * next to the database files it protects). Never on a PostgreSQL server.
 */
@Injectable()
export class FirstRunAdminToken implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly repository: ApiTokensRepository,
    private readonly config: AppConfig,
    private readonly tokens: ApiTokensService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.usesEmbeddedDatabase || this.config.get('ADMIN_TOKEN')) return;
    const dataDir = this.config.get('DATA_DIR');
    if ((await this.repository.count()) > 0) return;
    const { token } = await this.tokens.create(
      { name: 'first-admin', role: Role.ADMIN },
      { tokenId: null, name: 'first start', role: Role.ADMIN, organizationId: null, requestId: null },
    );
    const file = join(dataDir, FIRST_ADMIN_TOKEN_FILE);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    this.logger.warn(`no API token existed: created ADMIN token "first-admin", saved in ${file}`);
  }
}
