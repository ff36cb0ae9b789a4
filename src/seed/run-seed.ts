import 'reflect-metadata';
import dataSource from '../database/data-source';
import { seedSokulukRoundtable } from './sokuluk-roundtable.seed';

/** `npm run seed`: loads the Sokuluk roundtable sample into the configured database (idempotent). */
async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    console.log(`Sokuluk roundtable sample: ${await seedSokulukRoundtable(dataSource)}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
