import type { PaidRun } from '../payroll/pay-input.js';
import { compareText } from '../payroll/pay-line.js';
import type { DifferenceLine, PayLine } from '../payroll/pay-run.events.js';
import { contains, type Period } from '../shared/local-date.js';

/** The paid lines of a stretch of days, and the finalized runs they were paid in. */
export interface PaidHours {
  readonly lines: readonly PayLine[];
  readonly payRunIds: readonly string[];
}

/**
 * What the finalized runs paid a worker for the days of `days`, as it stands: each sheet day's lines
 * from the run of its period, or, once a later run paid a difference for it (a correction, a late
 * approval, a changed wage row), the lines that difference was due from, the latest one's. Every
 * hour type counts (normal, overtime, irregular, leave, public holiday, sick: each is paid wage);
 * guaranteed-hours top-ups do not, as no hour was worked or taken and they carry no CAO wage.
 */
export function paidHoursWithin(runs: readonly PaidRun[], days: Period): PaidHours {
  const standing = new Map<string, { payRunId: string; lines: readonly PayLine[] }>();
  for (const run of [...runs].sort((a, b) => compareText(a.period.from, b.period.from))) {
    const payRunId = run.period.id;
    const own = new Map<string, PayLine[]>();
    for (const line of run.lines.filter((l) => contains(days, l.day))) {
      const key = sheetDay(line.timesheetId, line.day);
      own.set(key, [...(own.get(key) ?? []), line]);
    }
    for (const [key, lines] of own) standing.set(key, { payRunId, lines });
    for (const difference of run.differences.filter((d) => contains(days, d.day) && !isTopUp(d))) {
      standing.set(sheetDay(difference.source, difference.day), { payRunId, lines: difference.dueLines });
    }
  }
  const paid = [...standing.values()].filter(({ lines }) => lines.length > 0);
  return {
    lines: paid
      .flatMap(({ lines }) => lines)
      .sort((a, b) => compareText(a.day, b.day) || compareText(a.timesheetId, b.timesheetId) || a.lineIndex - b.lineIndex),
    payRunIds: [...new Set(paid.map(({ payRunId }) => payRunId))].sort(compareText),
  };
}

const sheetDay = (timesheetId: string, day: string) => `${timesheetId} ${day}`;

const isTopUp = (line: DifferenceLine) => line.reasons.some((reason) => reason.kind === 'top_up_changed');
