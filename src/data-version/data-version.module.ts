import { Module } from '@nestjs/common';
import { DataVersionRepository } from './data-version.repository';
import { DataVersionService } from './data-version.service';

@Module({ providers: [DataVersionRepository, DataVersionService], exports: [DataVersionService] })
export class DataVersionModule {}
