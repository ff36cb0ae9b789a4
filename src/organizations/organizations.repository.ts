import { Injectable } from '@nestjs/common';
import { DatabaseCapabilities } from '../database/database-capabilities';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Locale } from '../i18n/locales';
import { translatedSql } from '../i18n/translations';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, oneByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

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

  findById(id: string): Promise<Organization | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.db.getRepository(Organization).findOneBy({ id });
  }

  /** By full name, then id. */
  listPeople(): Promise<Person[]> {
    return this.db.getRepository(Person).find({ order: { fullName: 'ASC', id: 'ASC' } });
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
