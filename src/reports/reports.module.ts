import { Module } from '@nestjs/common';
import { ProgressSummaryService } from './progress-summary.service';
import { ReportsResolver } from './reports.resolver';

@Module({
  providers: [ProgressSummaryService, ReportsResolver],
})
export class ReportsModule {}
