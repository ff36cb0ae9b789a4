import { Module } from '@nestjs/common';
import { ProgressSummaryService } from './progress-summary.service';
import { RecentChangesService } from './recent-changes.service';
import { ReportsResolver } from './reports.resolver';

@Module({
  providers: [ProgressSummaryService, RecentChangesService, ReportsResolver],
  exports: [ProgressSummaryService, RecentChangesService],
})
export class ReportsModule {}
