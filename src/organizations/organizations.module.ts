import { Module } from '@nestjs/common';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsResolver, PeopleResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, Person])],
  providers: [OrganizationsService, OrganizationsRepository, OrganizationsResolver, PeopleResolver],
  exports: [OrganizationsService, OrganizationsRepository],
})
export class OrganizationsModule {}
