import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service';
import { validateEnvironment } from './environment';

@Module({})
export class AppConfigModule {
  /**
   * Validates the environment when called (at boot), not when this file is
   * loaded: a bad variable stops the process with a message naming it.
   */
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          validate: validateEnvironment,
          // Tests set their environment explicitly; a developer's .env must not point them at a real database.
          ignoreEnvFile: process.env.NODE_ENV === 'test',
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
