import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../accounts/user.entity';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OrganizationFocalPoint } from './organization-focal-point.entity';
import { ResponsibilityRepository } from './responsibility.repository';
import { FocalPointsResolver, IndicatorOfficerResolver, RecommendationOfficerResolver } from './responsibility.resolver';
import { ResponsibilityService } from './responsibility.service';

/** Focal points and responsible officers (issue 25): who answers for an organisation's items. */
@Module({
  // User: the officer's relation on Recommendation and Indicator (every module that loads them has its metadata).
  imports: [TypeOrmModule.forFeature([OrganizationFocalPoint, User]), OrganizationsModule],
  providers: [ResponsibilityRepository, ResponsibilityService, FocalPointsResolver, RecommendationOfficerResolver, IndicatorOfficerResolver],
  exports: [ResponsibilityService],
})
export class ResponsibilityModule {}
