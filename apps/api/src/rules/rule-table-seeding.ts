import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RuleTableSeeder } from '@banenpool/application';
import { ruleTableStreamId } from '@banenpool/domain';

const RETRY_MS = 5_000;

/**
 * At startup, before the service listens: writes the shipped rule tables into their streams when
 * those are empty (the first start on a new database). Logs one line per table it seeded. A store
 * that cannot be reached does not stop the service from starting (it answers 503 meanwhile): the
 * seeding is retried every few seconds until it has run.
 */
@Injectable()
export class RuleTableSeeding implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RuleTables');
  private retry?: NodeJS.Timeout;

  constructor(private readonly seeder: RuleTableSeeder) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seed();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private async seed(): Promise<void> {
    try {
      for (const { table, outcome, rows } of await this.seeder.seedEmptyTables()) {
        if (outcome === 'seeded')
          this.logger.log(`Rule table ${table} seeded with ${rows} shipped period(s) (stream ${ruleTableStreamId(table)})`);
      }
    } catch (error) {
      this.logger.warn(`The rule tables could not be checked or seeded (${String(error)}); retrying in ${RETRY_MS / 1000} s`);
      this.retry = setTimeout(() => void this.seed(), RETRY_MS);
      this.retry.unref();
    }
  }
}
