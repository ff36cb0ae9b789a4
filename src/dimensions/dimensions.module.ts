import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataVersionModule } from '../data-version/data-version.module';
import { ActionPlanModule } from '../action-plan/action-plan.module';
import { Dimension, DimensionMember } from './dimension.entity';
import {
  BreakdownTotalResolver,
  DimensionMemberResolver,
  DimensionsResolver,
  IndicatorDimensionsResolver,
  IndicatorValueCellResolver,
  VersionBreakdownResolver,
} from './dimensions.resolver';
import { DimensionsRepository } from './dimensions.repository';
import { DimensionsService } from './dimensions.service';
import { IndicatorDimension } from './indicator-dimension.entity';
import { IndicatorValueCell } from './indicator-value-cell.entity';
import { PublishedBreakdownReader } from './published-breakdown';

/** Dimensions, what indicators are broken down by, and the breakdowns of value versions (issue 24). */
@Module({
  imports: [TypeOrmModule.forFeature([Dimension, DimensionMember, IndicatorDimension, IndicatorValueCell]), ActionPlanModule, DataVersionModule],
  providers: [
    DimensionsRepository,
    DimensionsService,
    DimensionsResolver,
    DimensionMemberResolver,
    IndicatorDimensionsResolver,
    IndicatorValueCellResolver,
    VersionBreakdownResolver,
    BreakdownTotalResolver,
    PublishedBreakdownReader,
  ],
  exports: [DimensionsRepository, DimensionsService, PublishedBreakdownReader],
})
export class DimensionsModule {}
