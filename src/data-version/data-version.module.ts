import { Module } from '@nestjs/common';
import { DataVersionService } from './data-version.service';

@Module({ providers: [DataVersionService], exports: [DataVersionService] })
export class DataVersionModule {}
