import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReportingCompletenessRepository } from './reporting-completeness.repository';
import { ReportingCompletenessResolver } from './reporting-completeness.resolver';
import { ReportingCompletenessService } from './reporting-completeness.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ReportingCompletenessRepository, ReportingCompletenessService, ReportingCompletenessResolver],
  exports: [ReportingCompletenessService],
})
export class ReportingCompletenessModule {}
