import { DataVersionModule } from '../data-version/data-version.module';
import { Module } from '@nestjs/common';
import { PublicEventsModule } from '../public-events/public-events.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ResponsibilityModule } from '../responsibility/responsibility.module';
import { ActionPlanRepository } from './action-plan.repository';
import { ActionPlanResolver, IndicatorProgressResolver, IndicatorResolver } from './action-plan.resolver';
import { ActionPlansService } from './action-plans.service';
import { IndicatorsService } from './indicators.service';
import { IndicatorProgressReader } from './indicator-progress.reader';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlan } from './action-plan.entity';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorMilestone } from './indicator-milestone.entity';
import { IndicatorMilestonesRepository } from './indicator-milestones.repository';
import { IndicatorValue } from './indicator-value.entity';
import { IndicatorValueVersion } from './indicator-value-version.entity';
import { Indicator } from './indicator.entity';
import { IndicatorValueVersionsRepository } from './indicator-value-versions.repository';
import { ValueReviewResolver } from './value-review.resolver';
import { ValueReviewService } from './value-review.service';

@Module({
  imports: [TypeOrmModule.forFeature([ActionPlan, Indicator, IndicatorTarget, IndicatorMilestone, IndicatorValue, IndicatorValueVersion]), OrganizationsModule, NotificationsModule, DataVersionModule, ResponsibilityModule, PublicEventsModule],
  providers: [
    ActionPlansService,
    IndicatorsService,
    IndicatorProgressReader,
    ActionPlanRepository,
    IndicatorValueVersionsRepository,
    IndicatorMilestonesRepository,
    ValueReviewService,
    ActionPlanResolver,
    IndicatorResolver,
    IndicatorProgressResolver,
    ValueReviewResolver,
  ],
  exports: [ActionPlanRepository, IndicatorMilestonesRepository, ActionPlansService, IndicatorsService, IndicatorProgressReader, ValueReviewService],
})
export class ActionPlanModule {}
