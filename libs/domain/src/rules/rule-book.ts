import { refuse } from '../shared/domain-error.js';
import { ageOn, type LocalDate } from '../shared/local-date.js';
import { youthPercentageFor } from '../shared/minimum-wage.js';
import { applyBasisPoints, type BasisPoints, type Cents } from '../shared/money.js';
import type { RuleValuesByTable } from './rules.commands.js';
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
  WorkingTimeBand,
  WorkingTimeValues,
} from './rules.events.js';

/** Which row of which table was applied: recorded with every figure it gave, so an auditor can replay it. */
export interface RuleRef {
  readonly table: RuleTable;
  readonly effectiveFrom: LocalDate;
  /** 0 as first published; one more for every correction of the same period. */
  readonly revision: number;
}

/** One period of a rule table as it applies (its latest revision). */
export interface RuleRow<Values> extends RuleRef {
  /** The last day it applies: its own end, else the day before the next row; absent when it is the last and open. */
  readonly lastDay?: LocalDate;
  readonly values: Values;
  readonly source: RuleSource;
}

/** Every rule table, read from the `rules-<table>` streams (RuleBookReader, `ruleRows`) and passed in with a command. */
export interface RuleBook {
  readonly minimumWage: readonly RuleRow<MinimumWageValues>[];
  readonly workingTime: readonly RuleRow<WorkingTimeValues>[];
  readonly chainRule: readonly RuleRow<ChainRuleValues>[];
  readonly holidayAllowance: readonly RuleRow<HolidayAllowanceValues>[];
  readonly sickPayAndLeave: readonly RuleRow<SickPayAndLeaveValues>[];
  readonly employerCharges: readonly RuleRow<EmployerChargesValues>[];
  readonly vat: readonly RuleRow<VatValues>[];
  readonly wageCostSubsidy: readonly RuleRow<WageCostSubsidyValues>[];
  readonly retention: readonly RuleRow<RetentionValues>[];
}

/** Which field of the RuleBook holds each table. */
const RULE_BOOK_FIELD = {
  'minimum-wage': 'minimumWage',
  'working-time': 'workingTime',
  'chain-rule': 'chainRule',
  'holiday-allowance': 'holidayAllowance',
  'sick-pay-and-leave': 'sickPayAndLeave',
  'employer-charges': 'employerCharges',
  vat: 'vat',
  'wage-cost-subsidy': 'wageCostSubsidy',
  retention: 'retention',
} as const satisfies Record<RuleTable, keyof RuleBook>;

/** The rows of one table, as a reader or a test gives them. */
export type RowsOfTable = <T extends RuleTable>(table: T) => readonly RuleRow<RuleValuesByTable[T]>[];

/** A rule book with every table's rows from `rowsOf`. */
export function ruleBookFrom(rowsOf: RowsOfTable): RuleBook {
  const entries = (Object.keys(RULE_BOOK_FIELD) as RuleTable[]).map((table) => [RULE_BOOK_FIELD[table], rowsOf(table)]);
  return Object.fromEntries(entries) as unknown as RuleBook;
}

/** No table has rows: a test adds the one its rule reads. */
export const EMPTY_RULE_BOOK: RuleBook = ruleBookFrom(() => []);

export const refOf = ({ table, effectiveFrom, revision }: RuleRef): RuleRef => ({ table, effectiveFrom, revision });

/**
 * The row of a table in force on a day. A day after the last row is `rule_table_outdated`: the
 * table was not published that far, and a figure is never carried forward by guessing.
 */
export function ruleOn<Values>(table: RuleTable, rows: readonly RuleRow<Values>[], day: LocalDate): RuleRow<Values> {
  const row = rows.findLast((r) => r.effectiveFrom <= day);
  const last = rows.at(-1);
  if (last === undefined || (row === last && last.lastDay !== undefined && day > last.lastDay)) {
    const known = last?.lastDay ? `its last period ends on ${last.lastDay}` : 'it has no periods';
    refuse(
      'rule_table_outdated',
      `The rule table "${table}" has no figures for ${day}: ${known}. An operator publishes the next period (POST /rules/${table}).`,
    );
  }
  if (row === undefined || (row.lastDay !== undefined && day > row.lastDay)) {
    refuse(
      'no_rule_in_force',
      `The rule table "${table}" has no period covering ${day} (its first period starts on ${rows[0].effectiveFrom}).`,
    );
  }
  return row;
}

export interface MinimumWageOnDay {
  readonly hourlyCents: Cents;
  readonly age: number;
  readonly youthBp: BasisPoints;
  readonly rule: RuleRef;
}

/** The statutory hourly minimum wage for someone born on `birthDate`, on `day`, with the row it came from. */
export function minimumWageOn(book: RuleBook, birthDate: LocalDate, day: LocalDate): MinimumWageOnDay {
  const row = ruleOn('minimum-wage', book.minimumWage, day);
  const age = ageOn(birthDate, day);
  const youthBp = age >= row.values.adultAge ? 10_000 : youthPercentageFor(row.values.youthBp, age);
  return { hourlyCents: applyBasisPoints(row.values.adultHourlyCents, youthBp), age, youthBp, rule: refOf(row) };
}

/** The Working Hours Act limits for a worker of `age` on `day`. */
export function workingTimeLimitsOn(book: RuleBook, age: number, day: LocalDate): { band: WorkingTimeBand; rule: RuleRef } {
  const row = ruleOn('working-time', book.workingTime, day);
  const band =
    row.values.bands.find((b) => age >= b.minAge && (b.maxAge === undefined || age <= b.maxAge)) ??
    refuse('no_working_time_limits', `The working-time table from ${row.effectiveFrom} has no limits for a worker aged ${age}.`);
  return { band, rule: refOf(row) };
}

export function chainRuleOn(book: RuleBook, day: LocalDate): RuleRow<ChainRuleValues> {
  return ruleOn('chain-rule', book.chainRule, day);
}

export function holidayAllowanceOn(book: RuleBook, day: LocalDate): RuleRow<HolidayAllowanceValues> {
  return ruleOn('holiday-allowance', book.holidayAllowance, day);
}

export function sickPayAndLeaveOn(book: RuleBook, day: LocalDate): RuleRow<SickPayAndLeaveValues> {
  return ruleOn('sick-pay-and-leave', book.sickPayAndLeave, day);
}

export function employerChargesOn(book: RuleBook, day: LocalDate): RuleRow<EmployerChargesValues> {
  return ruleOn('employer-charges', book.employerCharges, day);
}

export function vatOn(book: RuleBook, day: LocalDate): RuleRow<VatValues> {
  return ruleOn('vat', book.vat, day);
}

export function wageCostSubsidyOn(book: RuleBook, day: LocalDate): RuleRow<WageCostSubsidyValues> {
  return ruleOn('wage-cost-subsidy', book.wageCostSubsidy, day);
}

export function retentionOn(book: RuleBook, day: LocalDate): RuleRow<RetentionValues> {
  return ruleOn('retention', book.retention, day);
}

/**
 * The last day the wage administration of `year` must be kept, by the retention row in force on
 * `day`: the end of the calendar year `fiscalRecordsYears` after it.
 */
export function fiscalRecordsKeptUntil(book: RuleBook, year: number, day: LocalDate): { until: LocalDate; rule: RuleRef } {
  const row = retentionOn(book, day);
  return { until: `${year + row.values.fiscalRecordsYears}-12-31`, rule: refOf(row) };
}
