import { Module } from '@nestjs/common';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsResolver, PeopleResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';

@Module({
  providers: [OrganizationsService, OrganizationsRepository, OrganizationsResolver, PeopleResolver],
  exports: [OrganizationsService, OrganizationsRepository],
})
export class OrganizationsModule {}
