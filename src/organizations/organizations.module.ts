import { Module } from '@nestjs/common';
import { OrganizationLoader } from './organization.loader';
import { OrganizationsResolver, PeopleResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';

@Module({
  providers: [OrganizationsService, OrganizationLoader, OrganizationsResolver, PeopleResolver],
  exports: [OrganizationsService, OrganizationLoader],
})
export class OrganizationsModule {}
