import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActionPlanRepository } from './action-plan.repository';
import { ActionPlanResolver, IndicatorProgressResolver, IndicatorResolver } from './action-plan.resolver';
import { ActionPlansService } from './action-plans.service';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ActionPlansService, IndicatorsService, ActionPlanRepository, ActionPlanResolver, IndicatorResolver, IndicatorProgressResolver],
  exports: [ActionPlanRepository, ActionPlansService, IndicatorsService],
})
export class ActionPlanModule {}
