import { differencesOf } from './differences.js';
import { addPay, grossOf, NO_PAY } from './pay-components.js';
import type { WorkerPay, WorkerPayInput } from './pay-input.js';
import { payContextOf, payLinesWithin } from './pay-line.js';
import type { DifferenceLine, PayLine, PayTotals, TopUpLine } from './pay-run.events.js';
import { topUpsOf } from './top-up.js';

export type { ApprovedSheet, PaidRun, PayPlacement, WorkerPay, WorkerPayInput } from './pay-input.js';

/**
 * One worker's pay in a run: a line for each approved line on a day of the period, the top-ups to
 * the guaranteed hours of its weeks, and the differences for days of earlier finalized periods.
 * Pure: the same input gives the same pay, so a recalculation or a replay gives the same figures.
 */
export function payWorker(input: WorkerPayInput): WorkerPay {
  const context = payContextOf(input);
  const lines = payLinesWithin(context, input.sheets, input.period);
  const topUps = topUpsOf(context, input.worker.contracts, input.period, lines);
  const differences = differencesOf(context, input);
  return { workerId: input.worker.workerId, lines, topUps, differences, totals: totalsOf(lines, topUps, differences) };
}

/**
 * Sums of the rounded components (ROUNDING_RULE). The minutes are the period's own (paid and topped
 * up); a difference's minutes stay on its line, as they belong to an earlier period.
 */
function totalsOf(lines: readonly PayLine[], topUps: readonly TopUpLine[], differences: readonly DifferenceLine[]): PayTotals {
  const amounts = [...lines.map((l) => l.amounts), ...topUps.map((t) => t.amounts), ...differences.map((d) => d.difference)].reduce(
    addPay,
    NO_PAY,
  );
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  return {
    ...amounts,
    paidMinutes: sum(lines.map((l) => l.minutes)),
    topUpMinutes: sum(topUps.map((t) => t.minutes)),
    leaveAccruedMinutes: sum([
      ...lines.map((l) => l.leaveAccruedMinutes),
      ...topUps.map((t) => t.leaveAccruedMinutes),
      ...differences.map((d) => d.leaveAccruedMinutesDifference),
    ]),
    grossCents: grossOf(amounts),
  };
}
