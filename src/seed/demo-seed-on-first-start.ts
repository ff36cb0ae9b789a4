import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { isDatabaseEmpty, seedSokulukRoundtable } from './sokuluk-roundtable.seed';

/** On the first start of an empty embedded database, load the Sokuluk roundtable (unless SEED_DEMO=false). */
@Injectable()
export class DemoSeedOnFirstStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.usesEmbeddedDatabase || !this.config.get('SEED_DEMO')) return;
    if (!(await isDatabaseEmpty(this.db))) return;
    const summary = await seedSokulukRoundtable(this.db);
    this.logger.log(`empty embedded database: loaded the Sokuluk roundtable sample (${summary})`);
  }
}
