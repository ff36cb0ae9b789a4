import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Locale, LOCALES } from '../i18n/locales';

/**
 * The ICU collations tried for each locale, best first. PostgreSQL built with ICU creates
 * `<language>-<REGION>-x-icu` collations at initdb; `und-x-icu` (the root collation) orders
 * Cyrillic and Latin sensibly for every language when the regional one is missing.
 */
const COLLATION_CANDIDATES: Record<Locale, readonly string[]> = {
  ky: ['ky-KG-x-icu', 'ky-x-icu', 'und-x-icu'],
  ru: ['ru-RU-x-icu', 'ru-x-icu', 'und-x-icu'],
  en: ['en-GB-x-icu', 'en-x-icu', 'und-x-icu'],
};

/**
 * What the database backend can do, said once (issue 10): probed at start, asked by the
 * features instead of sniffing driver options or catching errors. Today: which ICU collation
 * orders each locale's text (null: the database's default collation, e.g. an embedded or
 * server PostgreSQL built without ICU) and whether pg_trgm serves `search`.
 */
@Injectable()
export class DatabaseCapabilities implements OnModuleInit {
  private collations: Readonly<Record<Locale, string | null>> = { ky: null, ru: null, en: null };
  private trigram = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    const wanted = [...new Set(Object.values(COLLATION_CANDIDATES).flat())];
    const [present, extension] = await Promise.all([
      this.db.query<{ collname: string }[]>('SELECT collname FROM pg_collation WHERE collname = ANY($1::text[])', [wanted]),
      this.db.query<{ ok: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS ok`),
    ]);
    const names = new Set(present.map((row) => row.collname));
    this.collations = Object.fromEntries(
      LOCALES.map((locale) => [locale, COLLATION_CANDIDATES[locale].find((name) => names.has(name)) ?? null]),
    ) as Record<Locale, string | null>;
    this.trigram = extension[0]?.ok === true;
    new Logger('DatabaseCapabilities').log(
      `collations ${LOCALES.map((l) => `${l}=${this.collations[l] ?? 'default'}`).join(', ')}; pg_trgm ${this.trigram ? 'yes' : 'no'}`,
    );
  }

  /** The collation that orders `locale`'s text, or null for the database's default. */
  collationFor(locale: Locale): string | null {
    return this.collations[locale];
  }

  /** `<expression> COLLATE "<collation>"` where one exists for the locale; the expression alone otherwise. */
  collated(expressionSql: string, locale: Locale): string {
    const collation = this.collations[locale];
    // The name comes from the fixed candidate list above, never from a request.
    return collation ? `(${expressionSql}) COLLATE "${collation}"` : expressionSql;
  }

  /** pg_trgm is installed: `search` has its trigram indexes. */
  get trigramSearch(): boolean {
    return this.trigram;
  }
}

@Global()
@Module({ providers: [DatabaseCapabilities], exports: [DatabaseCapabilities] })
export class DatabaseCapabilitiesModule {}
