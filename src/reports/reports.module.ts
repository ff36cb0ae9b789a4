import { Module } from '@nestjs/common';
import { ProgressSummaryService } from './progress-summary.service';
import { ReportsResolver } from './reports.resolver';

@Module({
  providers: [ProgressSummaryService, ReportsResolver],
  exports: [ProgressSummaryService],
})
export class ReportsModule {}
