import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { EmbeddedDatabase } from '../database/embedded-database';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly embedded: EmbeddedDatabase,
  ) {}

  /** 200 when the database answers (and the embedded server, if any, runs), 503 otherwise. */
  @Get()
  @Public()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.embeddedServer(),
      () => this.database.pingCheck('database', { timeout: 3000 }),
    ]);
  }

  /** Reports a dead embedded server by name, rather than only as a failed ping. */
  private embeddedServer(): HealthIndicatorResult {
    const check = this.indicator.check('embeddedPostgres');
    if (!this.embedded.server) return check.up({ mode: 'server' });
    const failure = this.embedded.failure;
    return failure ? check.down({ message: failure }) : check.up({ pid: this.embedded.server.pid });
  }
}
