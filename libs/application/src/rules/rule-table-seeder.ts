import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  decideInOrder,
  RULE_TABLE_SEED,
  RULE_TABLES,
  rulesDecider,
  ruleTableStreamId,
  schemaVersionOf,
  type RuleTable,
} from '@banenpool/domain';
import { WrongExpectedVersionError, type EventStore } from '@banenpool/event-store';
import { USE_CASE_EVENT_STORE } from '../shared/ports.js';
import { StreamAppended } from '../shared/stream-appended.js';
import { StreamStates } from '../shared/stream-states.js';

/** What starting the service did to one table. */
export interface RuleTableSeeding {
  readonly table: RuleTable;
  /** `seeded`: this process wrote the shipped rows; `present`: the stream had events (or another process seeded it just now). */
  readonly outcome: 'seeded' | 'present';
  /** The rows this process wrote. */
  readonly rows: number;
}

/** The actor recorded on the shipped rows. */
export const RULE_TABLE_SEED_ACTOR = 'system:rule-table-seed';

/**
 * Writes the shipped rule tables (RULE_TABLE_SEED) into their streams when those are empty, at
 * startup. An operator's later periods are never overwritten: a stream with any event is left alone.
 */
@Injectable()
export class RuleTableSeeder {
  constructor(
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly streams: StreamStates,
    private readonly eventBus: EventBus,
  ) {}

  seedEmptyTables(now: Date = new Date()): Promise<RuleTableSeeding[]> {
    const correlationId = randomUUID();
    return Promise.all(RULE_TABLES.map((table) => this.seed(table, now, correlationId)));
  }

  private async seed(table: RuleTable, now: Date, correlationId: string): Promise<RuleTableSeeding> {
    const streamId = ruleTableStreamId(table);
    const { version } = await this.streams.load(rulesDecider, streamId);
    if (version >= 0) return { table, outcome: 'present', rows: 0 };
    // Decided like an operator's publication, so a wrong shipped row fails here rather than in use.
    const events = decideInOrder(RULE_TABLE_SEED[table], now);
    const metadata = { actor: RULE_TABLE_SEED_ACTOR, correlationId };
    try {
      const appended = await this.store.appendToStream(
        streamId,
        events.map((event) => ({ ...event, schemaVersion: schemaVersionOf(event.type), metadata })),
        // Two instances starting at once: only one append creates the stream, the other conflicts.
        { expectedVersion: 'no_stream' },
      );
      this.eventBus.publish(new StreamAppended(streamId, appended.position));
      return { table, outcome: 'seeded', rows: events.length };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { table, outcome: 'present', rows: 0 };
      throw error;
    }
  }
}
