import { DynamicModule, Module } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { AppConfig } from './app-config.service';
import { Environment, validateEnvironment } from './environment';

/** Variables given in code (tests, tools) that win over the process environment without changing it. */
export type EnvironmentOverrides = Partial<Record<keyof Environment, string>>;

@Module({})
export class AppConfigModule {
  /**
   * Validates the environment when called (at boot), not when this file is
   * loaded: a bad variable stops the process with a message naming it.
   * `overrides` win over the process's variables, which win over .env; nothing
   * is written back to process.env, so one application's settings never leak
   * into the next one built in the same process (the tests build many).
   */
  static forRoot(overrides: EnvironmentOverrides = {}): DynamicModule {
    const config = new AppConfig(readEnvironment(overrides));
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

function readEnvironment(overrides: EnvironmentOverrides): Environment {
  // Tests set their environment explicitly; a developer's .env must not point them at a real database.
  const testing = process.env.NODE_ENV === 'test' || overrides.NODE_ENV === 'test';
  const fromFile = !testing && existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  return validateEnvironment({ ...fromFile, ...process.env, ...overrides });
}
