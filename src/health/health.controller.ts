import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { storageFailures } from '../common/errors/storage-failures';
import { EmbeddedDatabase } from '../database/embedded-database';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly embedded: EmbeddedDatabase,
  ) {}

  /**
   * 200 when the database answers (and the embedded server, if any, runs), else 503 with the
   * failing check named. Answered here: the global error filter would turn the 503 into a 500.
   * Not rate limited: load balancers and monitors poll it often, all from one address.
   */
  @Get()
  @Public()
  @SkipThrottle()
  @HealthCheck()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check([
        () => this.embeddedServer(),
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.databaseWrites(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }

  /**
   * Down while the last write failed for lack of storage (disk full, out of memory, I/O error)
   * and no transaction has committed since: the ping above still answers then.
   */
  private databaseWrites(): HealthIndicatorResult {
    const check = this.indicator.check('databaseWrites');
    const failure = storageFailures.current;
    if (!failure) return check.up();
    return check.down({ message: `the database refuses writes: ${failure.reason} (SQLSTATE ${failure.code}) since ${failure.at.toISOString()}` });
  }

  /** Reports a dead embedded server by name, rather than only as a failed ping. */
  private embeddedServer(): HealthIndicatorResult {
    const check = this.indicator.check('embeddedPostgres');
    if (!this.embedded.server) return check.up({ mode: 'server' });
    const failure = this.embedded.failure;
    return failure ? check.down({ message: failure }) : check.up({ pid: this.embedded.server.pid });
  }
}
