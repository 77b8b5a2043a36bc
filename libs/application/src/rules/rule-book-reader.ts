import { Injectable } from '@nestjs/common';
import { ruleRows, rulesDecider, ruleTableStreamId, type RuleBook, type RuleTable } from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** Reads the `rules-<table>` streams into the RuleBook a command that applies the law is given. */
@Injectable()
export class RuleBookReader {
  constructor(private readonly streams: StreamStates) {}

  async read(): Promise<RuleBook> {
    const [minimumWage, workingTime, chainRule, holidayAllowance, sickPayAndLeave] = await Promise.all([
      this.rows('minimum-wage'),
      this.rows('working-time'),
      this.rows('chain-rule'),
      this.rows('holiday-allowance'),
      this.rows('sick-pay-and-leave'),
    ]);
    return { minimumWage, workingTime, chainRule, holidayAllowance, sickPayAndLeave };
  }

  private async rows<T extends RuleTable>(table: T) {
    const { state } = await this.streams.load(rulesDecider, ruleTableStreamId(table));
    return ruleRows(state, table);
  }
}
