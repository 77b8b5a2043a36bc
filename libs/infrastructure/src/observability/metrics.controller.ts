import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Projector } from '@banenpool/projector';
import { projectionEventsSkipped } from '@banenpool/read-models';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { Public } from '@banenpool/platform';
import { bounded } from './bounded.js';

/** Prometheus text format; projection lag is read at scrape time, so it is never stale. */
@Public()
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly behind: Gauge;
  private readonly lag: Gauge;
  private readonly feedUp: Gauge;

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
    this.feedUp = new Gauge({
      name: 'banenpool_event_feed_up',
      help: '1 when the event feed answered this scrape (projection lag is known), 0 when it did not',
      registers: [this.registry],
    });
    this.registry.registerMetric(projectionEventsSkipped);
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: process figures and projection lag' })
  @ApiProduces('text/plain')
  async metrics(): Promise<string> {
    await this.readProjectionLag();
    return this.registry.metrics();
  }

  /** Metrics must answer when the store is down (that is when they are looked at): lag then goes unreported. */
  private async readProjectionLag(): Promise<void> {
    this.lag.reset();
    this.behind.reset();
    try {
      const statuses = await bounded(this.projector.status(), 'projection status');
      for (const status of statuses) {
        this.lag.set({ projection: status.name }, status.lagSeconds);
        this.behind.set({ projection: status.name }, status.eventsBehind);
      }
      this.feedUp.set(1);
    } catch {
      this.feedUp.set(0);
    }
  }
}
