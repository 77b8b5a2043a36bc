import { Injectable } from '@nestjs/common';
import {
  RULE_TABLES,
  ruleBookFrom,
  ruleRows,
  rulesDecider,
  ruleTableStreamId,
  type RuleBook,
  type RuleRow,
  type RuleTable,
  type RuleValuesByTable,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** Reads the `rules-<table>` streams into the RuleBook a command that applies the law is given. */
@Injectable()
export class RuleBookReader {
  constructor(private readonly streams: StreamStates) {}

  /** Every table's stream in one read (they are short: a row per change of the law). */
  async read(): Promise<RuleBook> {
    const states = await this.streams.loadMany(rulesDecider, RULE_TABLES.map(ruleTableStreamId));
    const rows = new Map(RULE_TABLES.map((table, i) => [table, ruleRows(states[i], table)] as const));
    return ruleBookFrom(<T extends RuleTable>(table: T) => rows.get(table) as RuleRow<RuleValuesByTable[T]>[]);
  }
}
