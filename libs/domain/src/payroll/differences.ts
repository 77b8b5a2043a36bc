import type { DayWage } from '../placement/placement.events.js';
import type { RuleRef } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { addPay, NO_PAY, samePay, subtractPay } from './pay-components.js';
import { compareText, payLinesWithin, type PayContext } from './pay-line.js';
import type { DifferenceLine, DifferenceReason, PayComponents, PayLine, TopUpLine } from './pay-run.events.js';
import { topUpsOf } from './top-up.js';
import type { PaidRun, WorkerPay, WorkerPayInput } from './pay-input.js';

/** The source a guaranteed-hours week's difference line names. */
export const topUpSource = (week: string): string => `top-up:${week}`;

/** What was paid, or is due, for one sheet day or top-up week. */
interface Settlement {
  readonly amounts: PayComponents;
  readonly minutes: number;
  readonly leaveAccruedMinutes: number;
}

const NOTHING: Settlement = { amounts: NO_PAY, minutes: 0, leaveAccruedMinutes: 0 };

const settlementOf = (parts: readonly Settlement[]): Settlement =>
  parts.reduce(
    (sum, part) => ({
      amounts: addPay(sum.amounts, part.amounts),
      minutes: sum.minutes + part.minutes,
      leaveAccruedMinutes: sum.leaveAccruedMinutes + part.leaveAccruedMinutes,
    }),
    NOTHING,
  );

/** What an earlier difference line added to what its day was paid. */
const settledBy = (line: DifferenceLine): Settlement => ({
  amounts: line.difference,
  minutes: line.dueMinutes - line.paidMinutes,
  leaveAccruedMinutes: line.leaveAccruedMinutesDifference,
});

/**
 * The difference lines for the days of the finalized periods in `input.paid`: for each sheet day and
 * each guaranteed-hours week of those periods, what is due now (recomputed from the sheets as now
 * approved, the CAO versions and the rule rows as they now stand) against what was paid (the run's
 * lines or top-ups plus the difference lines of later runs). Only days whose money, minutes or
 * holiday minutes differ get a line; the earlier runs themselves are never touched. Days before the
 * first paid period are not paid: the pool's payroll starts with its first run.
 */
export function differencesOf(context: PayContext, input: WorkerPayInput): DifferenceLine[] {
  requireEarlierRuns(input);
  const history: PaidHistory = {
    sheetVersions: sheetVersionsPaid(input.paid),
    approvedVersions: new Map(input.sheets.map((sheet) => [sheet.timesheetId, sheet.version])),
  };
  const earlierLines = input.paid.flatMap((run) => run.differences);
  return input.paid
    .flatMap((run) => {
      const due = payLinesWithin(context, input.sheets, run.period);
      const earlier = earlierDifferences(earlierLines.filter((line) => line.periodId === run.period.id));
      return [
        ...sheetDifferences(run, due, earlier.sheetDays, history),
        ...topUpDifferences(run, topUpsOf(context, input.worker.contracts, run.period, due), earlier.topUpWeeks),
      ];
    })
    .sort((a, b) => compareText(a.periodId, b.periodId) || compareText(a.day, b.day) || compareText(a.source, b.source));
}

interface PaidHistory {
  /** The latest approval of each sheet that a finalized run paid. */
  readonly sheetVersions: ReadonlyMap<string, number>;
  /** The approval of each sheet as it stands now. */
  readonly approvedVersions: ReadonlyMap<string, number>;
}

// Paying a period twice, or a later one as if paid, would count its days twice.
function requireEarlierRuns({ period, paid }: WorkerPayInput): void {
  paid.forEach((run, i) => {
    const next = paid[i + 1]?.period ?? period;
    if (run.period.to >= next.from) {
      refuse(
        'paid_runs_out_of_order',
        `The paid runs must be earlier periods, oldest first: ${run.period.id} does not end before ${next.id} starts.`,
      );
    }
  });
}

/**
 * Every sheet paid, at the latest approval paid: by lines, by the lines a difference was due from,
 * and by the approvals a difference settled (a correction may leave a day without lines).
 */
export function sheetVersionsPaid(pays: readonly Pick<WorkerPay, 'lines' | 'differences'>[]): Map<string, number> {
  const versions = new Map<string, number>();
  const note = (timesheetId: string, version: number) => versions.set(timesheetId, Math.max(version, versions.get(timesheetId) ?? 0));
  for (const pay of pays) {
    for (const line of [...pay.lines, ...pay.differences.flatMap((d) => d.dueLines)]) note(line.timesheetId, line.timesheetVersion);
    for (const reason of pay.differences.flatMap((d) => d.reasons)) {
      if (reason.kind === 'timesheet_corrected' || reason.kind === 'approved_late') note(reason.timesheetId, reason.version);
    }
  }
  return versions;
}

const sheetDay = (timesheetId: string, day: string) => `${timesheetId} ${day}`;

/** A period's earlier difference lines, by sheet day and by guaranteed-hours week. */
function earlierDifferences(lines: readonly DifferenceLine[]): { sheetDays: Grouped<DifferenceLine>; topUpWeeks: Grouped<DifferenceLine> } {
  const sheetDays: Grouped<DifferenceLine> = new Map();
  const topUpWeeks: Grouped<DifferenceLine> = new Map();
  for (const line of lines) {
    const topUp = line.reasons.find((reason) => reason.kind === 'top_up_changed');
    if (topUp === undefined) add(sheetDays, sheetDay(line.source, line.day), line);
    else add(topUpWeeks, topUp.week, line);
  }
  return { sheetDays, topUpWeeks };
}

function sheetDifferences(
  run: PaidRun,
  dueLines: readonly PayLine[],
  earlier: Grouped<DifferenceLine>,
  history: PaidHistory,
): DifferenceLine[] {
  const due = groupBy(dueLines, (line) => sheetDay(line.timesheetId, line.day));
  const paid = groupBy(run.lines, (line) => sheetDay(line.timesheetId, line.day));
  return eachKey(due, paid, earlier).flatMap((settled) => {
    const { timesheetId, day, placementId, employerId } = settled.due[0] ??
      settled.paid[0] ?? { ...settled.earlier[0], timesheetId: settled.earlier[0].source };
    // What the day was last paid from: the latest difference's lines, else the run's own.
    const lastPaid = settled.earlier.at(-1)?.dueLines ?? settled.paid;
    return differenceLine({ periodId: run.period.id, day, source: timesheetId, placementId, employerId }, settled, settled.due, () =>
      sheetReasons(timesheetId, day, settled.due, lastPaid, history),
    );
  });
}

function topUpDifferences(run: PaidRun, dueTopUps: readonly TopUpLine[], earlier: Grouped<DifferenceLine>): DifferenceLine[] {
  const due = groupBy(dueTopUps, (topUp) => topUp.week);
  const paid = groupBy(run.topUps, (topUp) => topUp.week);
  return eachKey(due, paid, earlier).flatMap((settled) => {
    const week = settled.key;
    const day = (settled.due[0] ?? settled.paid[0])?.from ?? settled.earlier[0].day;
    // A top-up is not a line of a sheet: no lines are due for it.
    return differenceLine({ periodId: run.period.id, day, source: topUpSource(week) }, settled, [], () => [
      { kind: 'top_up_changed', week },
    ]);
  });
}

/** What one sheet day or week is due now, what its run paid, and the later runs' differences for it. */
interface Settled<Item> {
  readonly key: string;
  readonly due: readonly Item[];
  readonly paid: readonly Item[];
  readonly earlier: readonly DifferenceLine[];
}

/** Each key that anything was due, paid or settled for. */
function eachKey<Item>(due: Grouped<Item>, paid: Grouped<Item>, earlier: Grouped<DifferenceLine>): Settled<Item>[] {
  return [...new Set([...due.keys(), ...paid.keys(), ...earlier.keys()])].map((key) => ({
    key,
    due: due.get(key) ?? [],
    paid: paid.get(key) ?? [],
    earlier: earlier.get(key) ?? [],
  }));
}

/**
 * A difference line when what is due differs from what was paid (by the run, and the later
 * differences) in money, minutes or holiday minutes; else none.
 */
function differenceLine(
  at: Pick<DifferenceLine, 'periodId' | 'day' | 'source' | 'placementId' | 'employerId'>,
  settled: Settled<Settlement>,
  dueLines: readonly PayLine[],
  reasons: () => DifferenceReason[],
): DifferenceLine[] {
  const paid = settlementOf([...settled.paid, ...settled.earlier.map(settledBy)]);
  const due = settlementOf(settled.due);
  const same = samePay(paid.amounts, due.amounts) && paid.minutes === due.minutes && paid.leaveAccruedMinutes === due.leaveAccruedMinutes;
  if (same) return [];
  return [
    {
      ...at,
      paid: paid.amounts,
      due: due.amounts,
      difference: subtractPay(due.amounts, paid.amounts),
      paidMinutes: paid.minutes,
      dueMinutes: due.minutes,
      leaveAccruedMinutesDifference: due.leaveAccruedMinutes - paid.leaveAccruedMinutes,
      reasons: reasons(),
      dueLines: [...dueLines],
    },
  ];
}

/**
 * Why a sheet day's pay changed: its sheet was approved only after its period was paid, or approved
 * again after a correction; and, for a day paid before, each wage row or rule row of the due lines
 * that the paid lines did not use (a CAO version or its correction, the hirer's scale, a
 * minimum-wage row, the age, a holiday-allowance or sick-pay row).
 */
function sheetReasons(
  timesheetId: string,
  day: string,
  due: readonly PayLine[],
  lastPaid: readonly PayLine[],
  history: PaidHistory,
): DifferenceReason[] {
  const paidVersion = history.sheetVersions.get(timesheetId);
  // Never paid means no line and no difference of the sheet, so the day's lines are all due ones.
  if (paidVersion === undefined) return [{ kind: 'approved_late', timesheetId, version: due[0].timesheetVersion }];
  const approvedVersion = history.approvedVersions.get(timesheetId) ?? paidVersion;
  const reasons: DifferenceReason[] = [];
  if (approvedVersion !== paidVersion) reasons.push({ kind: 'timesheet_corrected', timesheetId, version: approvedVersion });
  if (lastPaid.length > 0) reasons.push(...changedSources(due, lastPaid));
  if (reasons.length === 0) {
    refuse(
      'unexplained_pay_difference',
      `Timesheet ${timesheetId} on ${day} was paid at its approval ${paidVersion} with the same wage and rule rows as now, ` +
        'yet its pay now differs; the pay run stops rather than pay a difference nobody can explain.',
    );
  }
  return reasons;
}

function changedSources(due: readonly PayLine[], paid: readonly PayLine[]): DifferenceReason[] {
  const paidCao = new Set(paid.map((line) => caoKey(line.wage)));
  const paidMinimum = new Set(paid.map((line) => minimumKey(line.wage)));
  const paidRules = new Set(paid.flatMap((line) => line.rules.map(ruleKey)));
  const reasons = new Map<string, DifferenceReason>();
  const add = (key: string, reason: DifferenceReason) => reasons.set(`${reason.kind} ${key}`, reason);
  for (const { wage, rules } of due) {
    const { code: caoCode, effectiveFrom, revision } = wage.cao;
    if (!paidCao.has(caoKey(wage))) add(caoKey(wage), { kind: 'cao_changed', caoCode, effectiveFrom, revision });
    if (!paidMinimum.has(minimumKey(wage))) add(minimumKey(wage), { kind: 'minimum_wage_changed', rule: wage.minimumWage.rule });
    for (const rule of rules) if (!paidRules.has(ruleKey(rule))) add(ruleKey(rule), { kind: 'rule_changed', rule });
  }
  return [...reasons.values()];
}

// Besides the version and its revision, the hirer's scale and the worker's age (youth percentage) set the CAO wage.
const caoKey = ({ cao }: DayWage): string => [cao.code, cao.effectiveFrom, cao.revision, cao.scale, cao.step, cao.youthBp].join(' ');
const minimumKey = ({ minimumWage }: DayWage): string => `${ruleKey(minimumWage.rule)} ${minimumWage.youthBp}`;
const ruleKey = ({ table, effectiveFrom, revision }: RuleRef): string => `${table} ${effectiveFrom} ${revision}`;

type Grouped<T> = Map<string, T[]>;

function add<T>(groups: Grouped<T>, key: string, item: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [item]);
  else group.push(item);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Grouped<T> {
  const groups: Grouped<T> = new Map();
  for (const item of items) add(groups, keyOf(item), item);
  return groups;
}
