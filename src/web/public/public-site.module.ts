import { Module } from '@nestjs/common';
import { ReportsModule } from '../../reports/reports.module';
import { WebModule } from '../web.module';
import { HomeController } from './home.controller';
import { PublicSiteGuard } from './public-site.guard';

/** The public progress pages: anonymous, read-only, cacheable (PUBLIC_SITE). */
@Module({
  imports: [WebModule, ReportsModule],
  controllers: [HomeController],
  providers: [PublicSiteGuard],
})
export class PublicSiteModule {}
