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

  async read(): Promise<RuleBook> {
    const rows = new Map(await Promise.all(RULE_TABLES.map(async (table) => [table, await this.rows(table)] as const)));
    return ruleBookFrom(<T extends RuleTable>(table: T) => rows.get(table) as RuleRow<RuleValuesByTable[T]>[]);
  }

  private async rows<T extends RuleTable>(table: T) {
    const { state } = await this.streams.load(rulesDecider, ruleTableStreamId(table));
    return ruleRows(state, table);
  }
}
