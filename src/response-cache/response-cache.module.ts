import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DataVersionModule } from '../data-version/data-version.module';
import { ResponseCachePlugin } from './response-cache.plugin';
import { ResponseCacheService } from './response-cache.service';

@Module({
  imports: [AuthModule, DataVersionModule],
  providers: [ResponseCacheService, ResponseCachePlugin],
  exports: [ResponseCacheService, ResponseCachePlugin],
})
export class ResponseCacheModule {}
