import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllExist } from '../database/assert-exist';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { CreatePersonInput } from './dto/create-person.input';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  listPeople(): Promise<Person[]> {
    return this.db.getRepository(Person).find({ order: { fullName: 'ASC', id: 'ASC' } });
  }

  create(input: CreateOrganizationInput): Promise<Organization> {
    return this.db.getRepository(Organization).save(this.db.getRepository(Organization).create(input));
  }

  async createPerson(input: CreatePersonInput): Promise<Person> {
    return this.db.transaction(async (tx) => {
      if (input.organizationId) await assertAllExist(tx, Organization, [input.organizationId], 'organizationId');
      return tx.getRepository(Person).save(
        tx.getRepository(Person).create({
          fullName: input.fullName,
          position: input.position ?? null,
          organizationId: input.organizationId ?? null,
        }),
      );
    });
  }
}
