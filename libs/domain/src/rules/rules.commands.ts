import type { LocalDate } from '../shared/local-date.js';
import type {
  ChainRuleValues,
  HolidayAllowanceValues,
  MinimumWageValues,
  RetentionValues,
  RuleSource,
  RuleTable,
  SickPayAndLeaveValues,
  EmployerChargesValues,
  VatValues,
  WageCostSubsidyValues,
  WorkingTimeValues,
} from './rules.events.js';

/** The figures each table's rows hold. */
export interface RuleValuesByTable {
  readonly 'minimum-wage': MinimumWageValues;
  readonly 'working-time': WorkingTimeValues;
  readonly 'chain-rule': ChainRuleValues;
  readonly 'holiday-allowance': HolidayAllowanceValues;
  readonly 'sick-pay-and-leave': SickPayAndLeaveValues;
  readonly 'employer-charges': EmployerChargesValues;
  readonly vat: VatValues;
  readonly 'wage-cost-subsidy': WageCostSubsidyValues;
  readonly retention: RetentionValues;
}

export type RuleValues = RuleValuesByTable[RuleTable];

/**
 * Publishes the period of a table from `effectiveFrom`. A date that already starts a period
 * corrects that period: it then needs a `reason`, and the earlier revision stays in the history.
 */
export type PublishRulePeriod = {
  readonly [T in RuleTable]: {
    readonly type: 'PublishRulePeriod';
    readonly table: T;
    readonly effectiveFrom: LocalDate;
    /** Leave out for "until the next period" (not allowed for the minimum wage). */
    readonly effectiveUntil?: LocalDate;
    readonly values: RuleValuesByTable[T];
    readonly source: RuleSource;
    readonly reason?: string;
  };
}[RuleTable];

export type RuleCommand = PublishRulePeriod;
