import { assertNever, type Decider } from '../shared/decider.js';
import { refuse } from '../shared/domain-error.js';
import { requirePeriod, requireText } from '../shared/guards.js';
import { addDays, formatPeriod, type LocalDate } from '../shared/local-date.js';
import type { RuleRow } from './rule-book.js';
import { requireValidRuleValues } from './rule-values.js';
import type { PublishRulePeriod, RuleCommand, RuleValues, RuleValuesByTable } from './rules.commands.js';
import { PUBLISHED_EVENT_OF, RULE_TABLES, type RuleEvent, type RuleSource, type RuleTable } from './rules.events.js';

/** One recorded content of a period: revision 0 as first published, then each correction. */
export interface RulePeriodRevision {
  readonly revision: number;
  readonly effectiveUntil?: LocalDate;
  readonly values: RuleValues;
  readonly source: RuleSource;
  /** Why it was published or corrected, when the operator said so. */
  readonly reason?: string;
}

export interface RulePeriodRecord {
  readonly effectiveFrom: LocalDate;
  /** Every revision ever recorded, oldest first: history is kept, never rewritten. */
  readonly revisions: readonly RulePeriodRevision[];
}

export interface PublishedRuleTable {
  readonly status: 'published';
  readonly table: RuleTable;
  /** Ordered by effective date, without gaps or overlaps. */
  readonly periods: readonly RulePeriodRecord[];
}

export type RuleTableState = { readonly status: 'none' } | PublishedRuleTable;

const TABLE_OF_EVENT = Object.fromEntries(RULE_TABLES.map((table) => [PUBLISHED_EVENT_OF[table], table])) as Record<
  RuleEvent['type'],
  RuleTable
>;

export const rulesDecider: Decider<RuleCommand, RuleEvent, RuleTableState> = {
  initialState: { status: 'none' },

  // Each table's event says the same thing; a period already known is corrected by it.
  evolve(state, event) {
    const periods = state.status === 'none' ? [] : state.periods;
    const { effectiveFrom, effectiveUntil, values, source, reason } = event.data;
    const known = periods.find((p) => p.effectiveFrom === effectiveFrom);
    const revision: RulePeriodRevision = { revision: known?.revisions.length ?? 0, effectiveUntil, values, source, reason };
    const next = known
      ? periods.map((p) => (p === known ? { ...p, revisions: [...p.revisions, revision] } : p))
      : byEffectiveDate([...periods, { effectiveFrom, revisions: [revision] }]);
    return { status: 'published', table: TABLE_OF_EVENT[event.type], periods: next };
  },

  decide(command, state) {
    switch (command.type) {
      case 'PublishRulePeriod':
        return publish(command, state);
      default:
        return assertNever(command.type);
    }
  },
};

function publish(command: PublishRulePeriod, state: RuleTableState): RuleEvent[] {
  const { table, effectiveFrom, effectiveUntil, values, source, reason } = command;
  requirePeriod({ from: effectiveFrom, to: effectiveUntil }, `The period of the ${table} table`);
  requireText(source.title, 'The title of the source');
  if (table === 'minimum-wage' && effectiveUntil === undefined) {
    refuse(
      'rule_period_end_required',
      `The minimum-wage period from ${effectiveFrom} needs an end date: the minimum wage is indexed every 1 January and 1 July, so a period never runs open-ended.`,
    );
  }
  requireValidRuleValues(command);
  const periods = state.status === 'none' ? [] : state.periods;
  const index = periods.findIndex((p) => p.effectiveFrom === effectiveFrom);
  if (index >= 0) requireCorrectable(command, periods, index);
  else requireAdjoining(command, periods);
  const data = { effectiveFrom, effectiveUntil, source, reason, values };
  // The command's table decides the event type; TypeScript cannot correlate the two unions.
  return [{ type: PUBLISHED_EVENT_OF[table], data } as RuleEvent];
}

/**
 * A correction keeps the period's start and, unless it is the last period, its end: moving it
 * would open a gap before the next period or overlap it.
 */
function requireCorrectable(command: PublishRulePeriod, periods: readonly RulePeriodRecord[], index: number): void {
  if (command.reason === undefined || command.reason.trim() === '') {
    refuse(
      'correction_reason_required',
      `The ${command.table} table already has a period from ${command.effectiveFrom}; publishing it again corrects it and needs a reason.`,
    );
  }
  const next = periods[index + 1];
  if (next === undefined) return;
  const requiredEnd = addDays(next.effectiveFrom, -1);
  const end = command.effectiveUntil ?? requiredEnd;
  if (end !== requiredEnd) {
    refusePeriodMismatch(command, end > requiredEnd ? 'overlap' : 'gap', `the next period starts on ${next.effectiveFrom}`);
  }
}

/**
 * A new period either follows the last one (starting the day after its end, or after its start
 * when it is open, which then ends the day before) or precedes the first one, ending the day before
 * it starts. Gaps are refused too: a day without a row would refuse every figure on it.
 */
function requireAdjoining(command: PublishRulePeriod, periods: readonly RulePeriodRecord[]): void {
  const first = periods.at(0);
  const last = periods.at(-1);
  if (first === undefined || last === undefined) return;
  if (command.effectiveFrom > last.effectiveFrom) return requireFollows(command, last);
  if (command.effectiveUntil !== undefined && command.effectiveUntil < first.effectiveFrom) return requirePrecedes(command, first);
  const published = formatPeriod({ from: first.effectiveFrom, to: latest(last).effectiveUntil });
  refusePeriodMismatch(command, 'overlap', `the table's periods already cover ${published}`);
}

function requireFollows(command: PublishRulePeriod, last: RulePeriodRecord): void {
  const lastEnd = latest(last).effectiveUntil;
  if (lastEnd === undefined) return;
  const expected = addDays(lastEnd, 1);
  if (command.effectiveFrom === expected) return;
  refusePeriodMismatch(command, command.effectiveFrom < expected ? 'overlap' : 'gap', `the last period ends on ${lastEnd}`);
}

function requirePrecedes(command: PublishRulePeriod, first: RulePeriodRecord): void {
  if (command.effectiveUntil === addDays(first.effectiveFrom, -1)) return;
  refusePeriodMismatch(command, 'gap', `the first period starts on ${first.effectiveFrom}`);
}

function refusePeriodMismatch(command: PublishRulePeriod, kind: 'overlap' | 'gap', why: string): never {
  const period = formatPeriod({ from: command.effectiveFrom, to: command.effectiveUntil });
  if (kind === 'overlap') {
    refuse('rule_periods_overlap', `A ${command.table} period ${period} would overlap a published one: ${why}; periods never overlap.`);
  }
  refuse(
    'rule_periods_gap',
    `A ${command.table} period ${period} would leave days without figures: ${why}; each period adjoins the one before it.`,
  );
}

const byEffectiveDate = (periods: RulePeriodRecord[]) => periods.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

const latest = (period: RulePeriodRecord): RulePeriodRevision => period.revisions[period.revisions.length - 1];

/** A table's periods as they apply: each one's latest revision, with its last day resolved against the next period. */
export function ruleRows<T extends RuleTable>(state: RuleTableState, table: T): RuleRow<RuleValuesByTable[T]>[] {
  if (state.status === 'none') return [];
  if (state.table !== table) throw new Error(`The stream read for the ${table} table holds the ${state.table} table.`);
  return state.periods.map((period, i) => {
    const { revision, effectiveUntil, values, source } = latest(period);
    const next = state.periods[i + 1];
    const lastDay = effectiveUntil ?? (next ? addDays(next.effectiveFrom, -1) : undefined);
    // The table check above is what makes the values this table's.
    return { table, effectiveFrom: period.effectiveFrom, revision, lastDay, values: values as RuleValuesByTable[T], source };
  });
}

/** The events of publishing `commands` one after another on `state`, each decided on the state the previous ones left. */
export function decideInOrder(commands: readonly RuleCommand[], now: Date, state: RuleTableState = rulesDecider.initialState): RuleEvent[] {
  const events: RuleEvent[] = [];
  for (const command of commands) {
    const decided = rulesDecider.decide(command, state, now);
    state = decided.reduce(rulesDecider.evolve, state);
    events.push(...decided);
  }
  return events;
}
