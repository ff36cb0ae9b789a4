import { Module } from '@nestjs/common';
import { DemoSeedOnFirstStart } from './demo-seed-on-first-start';

/** The Sokuluk sample on the first start of an empty embedded database. It imports features, so it stands above them. */
@Module({ providers: [DemoSeedOnFirstStart] })
export class SeedModule {}
