import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../auth/role.enum';
import { AppConfig } from '../config/app-config.service';
import { UsersService } from './users.service';

export const FIRST_ADMIN_LINK_FILE = 'first-admin-link.txt';
export const FIRST_ADMIN_EMAIL = 'admin@localhost';

/**
 * Like the first admin token: on the first start of an empty embedded database
 * nobody could sign in, so one ADMIN user (admin@localhost) is created and a
 * one-time set-password link written to DATA_DIR/first-admin-link.txt (mode
 * 0600). On a PostgreSQL server, `npm run user:create` does this instead.
 */
@Injectable()
export class FirstRunAdminUser implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.usesEmbeddedDatabase) return;
    await this.createIfNone(this.config.get('DATA_DIR'));
  }

  /** Creates the first ADMIN and writes its link to dataDir, when no user exists; returns the file written. */
  async createIfNone(dataDir: string): Promise<string | null> {
    if ((await this.users.count()) > 0) return null;
    const { link } = await this.users.invite(
      { email: FIRST_ADMIN_EMAIL, displayName: 'Administrator', role: Role.ADMIN, organizationId: null, preferredLanguage: 'ru' },
      { tokenId: null, name: 'first start', role: Role.ADMIN, organizationId: null, requestId: null },
    );
    const file = join(dataDir, FIRST_ADMIN_LINK_FILE);
    writeFileSync(
      file,
      `${link.url}\n\nOpen this link once to choose the password of ${FIRST_ADMIN_EMAIL} (valid until ${link.expiresAt.toISOString()}).\n`,
      { mode: 0o600 },
    );
    this.logger.warn(`no user existed: created ADMIN ${FIRST_ADMIN_EMAIL}; its set-password link is in ${file}`);
    return file;
  }
}
