import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatPosition, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { Projector } from '@banenpool/projector';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { EVENT_STORE, POSTGRES_CONNECTION, Public } from '@banenpool/platform';
import { bounded } from './bounded.js';

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(POSTGRES_CONNECTION) private readonly connection: PostgresConnection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness of the database and event store, and each projection’s lag (503 when something is down)' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database(), () => this.eventStore(), () => this.projections()]);
    } catch (error) {
      // Terminus reports "down" as an exception whose body is the report; a monitor needs that
      // report (which component, why) most exactly then, not the exception filter's bare problem.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await bounded(this.connection.pool.query('SELECT 1'), 'database ping');
      return indicator.up({ mode: this.connection.mode });
    } catch (error) {
      return indicator.down({ mode: this.connection.mode, message: String(error) });
    }
  }

  private async eventStore() {
    const indicator = this.indicators.check('eventStore');
    try {
      const head = await bounded(this.store.headPosition(), 'event store head');
      return indicator.up({ head: head ? formatPosition(head) : null });
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }

  private async projections() {
    const indicator = this.indicators.check('projections');
    let statuses: Awaited<ReturnType<Projector['status']>>;
    try {
      statuses = await bounded(this.projector.status(), 'projection status');
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
    const details = Object.fromEntries(
      statuses.map((s) => [
        s.name,
        { checkpoint: formatPosition(s.checkpoint), eventsBehind: s.eventsBehind, lagSeconds: s.lagSeconds, lastError: s.lastError },
      ]),
    );
    const failing = statuses.filter((s) => s.lastError !== undefined);
    return failing.length > 0 ? indicator.down(details) : indicator.up(details);
  }
}
