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

  /**
   * The address people open, without a trailing slash (PUBLIC_BASE_URL, else
   * http://localhost:PORT): every absolute link (feeds, hreflang, invitations) starts
   * with it. Never taken from a request's Host or X-Forwarded-* headers, which a
   * client chooses and a shared cache would pass on to others.
   */
  get publicBaseUrl(): string {
    return (this.get('PUBLIC_BASE_URL') ?? `http://localhost:${this.get('PORT')}`).replace(/\/+$/, '');
  }

  get usesEmbeddedDatabase(): boolean {
    return !this.get('DATABASE_URL');
  }
}
