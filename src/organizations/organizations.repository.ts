import { Injectable } from '@nestjs/common';
import { DatabaseCapabilities } from '../database/database-capabilities';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Locale } from '../i18n/locales';
import { translatedSql } from '../i18n/translations';
import { translatedKeysetOrder } from '../i18n/translated-keyset-order';
import { Connection } from '../common/pagination/connection.type';
import { isCursorKeyText } from '../common/pagination/cursor-key-text';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, oneByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

/** People by full name (one text in whatever language it was written), then id. */
const BY_FULL_NAME: KeysetOrder<Person> = {
  list: 'people',
  sql: 'p.full_name',
  idSql: 'p.id',
  cast: 'varchar',
  direction: 'ASC',
  keyOf: (person) => person.fullName,
  isValidKey: isCursorKeyText,
};

/** Every statement on organization and person: lists, single rows, other features' loader batches, and the writes (in the service's transaction, `tx`). */
@Injectable()
export class OrganizationsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contentLocales: ContentLocaleService,
    private readonly capabilities: DatabaseCapabilities,
  ) {}

  /** By name in `locale` (its fallback where it has none, its collation where the database has one), then id. */
  list(limit: number | undefined, locale: Locale): Promise<Organization[]> {
    const name = this.capabilities.collated(translatedSql('o.name', this.contentLocales.chain(locale)), locale);
    const query = this.db.getRepository(Organization).createQueryBuilder('o').orderBy(name).addOrderBy('o.id');
    if (limit !== undefined) query.limit(limit);
    return query.getMany();
  }

  /** One page of the organisations by name in `locale`, as list() orders them, and their total, in one statement. */
  listPage(args: PageArgs, locale: Locale): Promise<Connection<Organization>> {
    const order = translatedKeysetOrder<Organization>({
      list: 'organizations',
      columnSql: 'o.name',
      idSql: 'o.id',
      chain: this.contentLocales.chain(locale),
      collate: (sql) => this.capabilities.collated(sql, locale),
      textOf: (organization) => organization.name,
    });
    const all = () => this.db.getRepository(Organization).createQueryBuilder('o');
    return keysetConnection(args, order, all(), countAll(all()));
  }

  findById(id: string): Promise<Organization | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.db.getRepository(Organization).findOneBy({ id });
  }

  /** By full name, then id. */
  listPeople(): Promise<Person[]> {
    return this.db.getRepository(Person).find({ order: { fullName: 'ASC', id: 'ASC' } });
  }

  /** One page of the people by full name, then id, as listPeople() orders them, and their total, in one statement. */
  listPeoplePage(args: PageArgs): Promise<Connection<Person>> {
    const all = () => this.db.getRepository(Person).createQueryBuilder('p');
    return keysetConnection(args, BY_FULL_NAME, all(), countAll(all()));
  }

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  insertOrganization(tx: EntityManager, values: Pick<Organization, 'name' | 'kind'>): Promise<Organization> {
    return tx.getRepository(Organization).save(tx.getRepository(Organization).create(values));
  }

  insertPerson(tx: EntityManager, values: Pick<Person, 'fullName' | 'position' | 'organizationId'>): Promise<Person> {
    return tx.getRepository(Person).save(tx.getRepository(Person).create(values));
  }

  organizationById(loaders: LoaderRegistry): DataLoader<string, Organization | null> {
    return loaders.get('organization.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, Organization, loaders, 'SELECT * FROM organization WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (o) => o.id);
    });
  }

  personById(loaders: LoaderRegistry): DataLoader<string, Person | null> {
    return loaders.get('person.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, Person, loaders, 'SELECT * FROM person WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (p) => p.id);
    });
  }
}
