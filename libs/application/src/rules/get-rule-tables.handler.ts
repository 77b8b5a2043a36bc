import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  RULE_TABLES,
  ruleRows,
  rulesDecider,
  ruleTableStreamId,
  type LocalDate,
  type RulePeriodRevision,
  type RuleRow,
  type RuleTable,
  type RuleValues,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** A period as it applies (its latest revision), with every revision recorded for it. */
export interface RulePeriodAnswer extends RuleRow<RuleValues> {
  /** The end as published; absent when the period runs until the next one (see `lastDay`). */
  readonly effectiveUntil?: LocalDate;
  /** Why the latest revision was published, when the operator said so. */
  readonly reason?: string;
  /** Every revision, oldest first. */
  readonly revisions: readonly RulePeriodRevision[];
}

export interface RuleTableAnswer {
  readonly table: RuleTable;
  readonly streamId: string;
  /** The stream's version: send it as If-Match to publish only on what was read (-1: nothing published). */
  readonly version: number;
  /** Oldest first. */
  readonly rows: readonly RulePeriodAnswer[];
}

/** Every rule table (`table` absent) or one, with their periods, revisions and sources. */
export class GetRuleTablesQuery extends Query<RuleTableAnswer[]> {
  constructor(readonly table?: RuleTable) {
    super();
  }
}

@QueryHandler(GetRuleTablesQuery)
export class GetRuleTablesHandler implements IQueryHandler<GetRuleTablesQuery> {
  constructor(private readonly streams: StreamStates) {}

  execute({ table }: GetRuleTablesQuery): Promise<RuleTableAnswer[]> {
    return Promise.all((table ? [table] : RULE_TABLES).map((t) => this.tableAnswer(t)));
  }

  private async tableAnswer(table: RuleTable): Promise<RuleTableAnswer> {
    const streamId = ruleTableStreamId(table);
    const { state, version } = await this.streams.load(rulesDecider, streamId);
    const periods = state.status === 'none' ? [] : state.periods;
    const rows = ruleRows(state, table).map((row, i): RulePeriodAnswer => {
      const revisions = periods[i].revisions;
      const { effectiveUntil, reason } = revisions[revisions.length - 1];
      return { ...row, effectiveUntil, reason, revisions };
    });
    return { table, streamId, version, rows };
  }
}
