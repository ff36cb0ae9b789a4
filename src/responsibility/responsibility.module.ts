import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OrganizationFocalPoint } from './organization-focal-point.entity';
import { ResponsibilityRepository } from './responsibility.repository';
import { FocalPointsResolver, IndicatorOfficerResolver, RecommendationOfficerResolver } from './responsibility.resolver';
import { ResponsibilityService } from './responsibility.service';

/** Focal points and responsible officers (issue 25): who answers for an organisation's items. */
@Module({
  imports: [TypeOrmModule.forFeature([OrganizationFocalPoint]), OrganizationsModule],
  providers: [ResponsibilityRepository, ResponsibilityService, FocalPointsResolver, RecommendationOfficerResolver, IndicatorOfficerResolver],
  exports: [ResponsibilityService],
})
export class ResponsibilityModule {}
