import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ActionPlanLoader } from './action-plan.loader';
import { ActionPlanResolver, IndicatorProgressResolver, IndicatorResolver } from './action-plan.resolver';
import { ActionPlansService } from './action-plans.service';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ActionPlansService, IndicatorsService, ActionPlanLoader, ActionPlanResolver, IndicatorResolver, IndicatorProgressResolver],
  exports: [ActionPlanLoader, ActionPlansService, IndicatorsService],
})
export class ActionPlanModule {}
