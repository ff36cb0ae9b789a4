import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrameworkItem, IndicatorFrameworkItem, RecommendationFrameworkItem } from './framework-item.entity';
import { FrameworksRepository } from './frameworks.repository';
import { FrameworksResolver, IndicatorFrameworkItemsResolver, RecommendationFrameworkItemsResolver } from './frameworks.resolver';
import { FrameworksService } from './frameworks.service';

/** International frameworks (SDG, CEDAW, UPR): reference lists and the mapping of recommendations and indicators to them. */
@Module({
  imports: [TypeOrmModule.forFeature([FrameworkItem, RecommendationFrameworkItem, IndicatorFrameworkItem])],
  providers: [FrameworksRepository, FrameworksService, FrameworksResolver, RecommendationFrameworkItemsResolver, IndicatorFrameworkItemsResolver],
  exports: [FrameworksRepository, FrameworksService],
})
export class FrameworksModule {}
