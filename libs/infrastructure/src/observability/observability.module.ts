import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

/** /health and /metrics, served by the api and by a standalone projector alike. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
})
export class ObservabilityModule {}
