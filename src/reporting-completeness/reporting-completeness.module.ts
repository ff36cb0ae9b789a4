import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReportingCompletenessRepository } from './reporting-completeness.repository';
import { ReportingCompletenessResolver } from './reporting-completeness.resolver';
import { ReportingCompletenessService } from './reporting-completeness.service';

/**
 * The completeness figures (repository and service), for the API, the pages, the exports and the
 * PDF. It needs no other feature's module, so the export CLI can boot it on its own.
 */
@Module({
  providers: [ReportingCompletenessRepository, ReportingCompletenessService],
  exports: [ReportingCompletenessService],
})
export class ReportingCompletenessModule {}

/** The GraphQL query: the figures, and each entry's organisation through the organisations' loader. */
@Module({
  imports: [ReportingCompletenessModule, OrganizationsModule],
  providers: [ReportingCompletenessResolver],
})
export class ReportingCompletenessApiModule {}
