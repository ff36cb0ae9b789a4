import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions } from './data-source-options';

// The CLI prints what it does, not every statement.
Logger.overrideLogger(['log', 'warn', 'error']);

// Same .env as the application (ConfigModule reads it there), so `migration:run` and `seed`
// talk to the database `npm start` uses. Variables already set win.
if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');

// Used by the TypeORM CLI (migration:run / revert / generate) and scripts.
// Reads the same validated environment as the application.
const dataSource = new DataSource(buildDataSourceOptions(validateEnvironment(process.env)));

export default dataSource;
