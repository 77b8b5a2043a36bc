import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Projector } from '@banenpool/projector';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { Public } from '../auth/auth.guard.js';

/** Prometheus text format; projection lag is read at scrape time, so it is never stale. */
@Public()
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly behind: Gauge;
  private readonly lag: Gauge;

  constructor(private readonly projector: Projector) {
    collectDefaultMetrics({ register: this.registry, prefix: 'banenpool_' });
    this.behind = new Gauge({
      name: 'banenpool_projection_events_behind',
      help: 'Events in the global feed after the projection checkpoint (counted up to 1000)',
      labelNames: ['projection'],
      registers: [this.registry],
    });
    this.lag = new Gauge({
      name: 'banenpool_projection_lag_seconds',
      help: 'Age of the oldest event a projection has not applied yet (0 when caught up)',
      labelNames: ['projection'],
      registers: [this.registry],
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: process figures and projection lag' })
  @ApiProduces('text/plain')
  async metrics(): Promise<string> {
    for (const status of await this.projector.status()) {
      this.lag.set({ projection: status.name }, status.lagSeconds);
      this.behind.set({ projection: status.name }, status.eventsBehind);
    }
    return this.registry.metrics();
  }
}
