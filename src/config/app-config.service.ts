import { Environment } from './environment';

/**
 * Typed, validated configuration (AppConfigModule builds the one instance).
 * Inject this rather than reading process.env.
 */
export class AppConfig {
  constructor(private readonly env: Environment) {}

  get<K extends keyof Environment>(key: K): Environment[K] {
    return this.env[key];
  }

  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }

  get usesEmbeddedDatabase(): boolean {
    return !this.get('DATABASE_URL');
  }
}
