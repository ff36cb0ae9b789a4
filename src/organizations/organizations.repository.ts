import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, oneByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

/** Bulk reads of organisations and people for other features' field resolvers. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
