import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions } from './data-source-options';

// The CLI prints what it does, not every statement.
Logger.overrideLogger(['log', 'warn', 'error']);

// Used by the TypeORM CLI (migration:run / revert / generate) and scripts.
// Reads the same validated environment as the application.
const dataSource = new DataSource(buildDataSourceOptions(validateEnvironment(process.env)));

export default dataSource;
