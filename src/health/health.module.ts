import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { WriteRecoverySubscriber } from './write-recovery.subscriber';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [WriteRecoverySubscriber],
})
export class HealthModule {}
