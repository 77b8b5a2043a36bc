// The payroll part of the demo, after the winter placements: the winter rates agreed with the hirers,
// eight weeks of hours registered and submitted by the pool, approved by each hirer with its own key
// (one sheet rejected, corrected and approved), two pay runs finalized and invoiced (one invoice paid),
// a retroactive correction of the winter hirer's CAO, the third run, which pays the difference for
// exactly the days the correction changed, and its invoicing: a credit note and the lines billed
// anew. Last, a wage-value decision and the wage-cost subsidy claimed for a month (lks.mjs).
//
// Idempotent like the rest of the demo: every POST carries a stable Idempotency-Key, and a PUT of
// hours on a sheet that was submitted before answers "timesheet_not_draft", which counts as "already there".

import { already, euros, formatCents, mark } from './format.mjs';
import { agreeRates, invoicePeriod, payInvoice } from './invoicing.mjs';
import { claimSubsidy } from './lks.mjs';
import {
  caoWageIncrease,
  HOURS_WEEKS,
  minimumWagePeriods,
  payRunPeriods,
  placements,
  rejectedSheet,
  workPatterns,
  workers,
} from './scenario.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The date of a weekday (0 = Monday) of an ISO week such as 2026-W45: week 1 holds 4 January. */
function dayOfIsoWeek(week, weekday) {
  const [year, number] = week.split('-W').map(Number);
  const january4 = Date.UTC(year, 0, 4);
  const monday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  return new Date(monday + weekday * DAY_MS).toISOString().slice(0, 10);
}

const linesOf = ({ start, end, breakMinutes }, week, weekdays) =>
  weekdays.map((weekday) => ({ day: dayOfIsoWeek(week, weekday), start, end, breakMinutes, hourType: 'normal' }));

const minutesOf = (clock) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
const hoursOfLines = (lines) => lines.reduce((sum, l) => sum + minutesOf(l.end) - minutesOf(l.start) - l.breakMinutes, 0) / 60;

const employerOf = (placementId) => placements.find((p) => p.placementId === placementId).employerId;

/**
 * @param {import('./api.mjs').BanenpoolApi} api
 * @param {(kind: string, outcome: string) => void} count tallies each command's outcome for the summary
 * @returns {Promise<string[]>} the three pay periods, all finalized and invoiced
 */
export async function payroll(api, count) {
  const send = async (kind, path, body, options) => {
    const answer = await api.command(path, body, options);
    count(kind, answer.outcome);
    return answer;
  };
  await publishFigures(send);
  // The cost price a rate is checked against needs the minimum wage of its first day: published just now.
  await agreeRates(send);
  await registerAndApproveHours(send);

  const { kind } = await api.get('/pay-periods?year=2026');
  const periods = payRunPeriods[kind];
  const [first, second, third] = periods;
  console.log(
    `\nPay runs (${kind === 'month' ? 'calendar months' : 'four-week periods'}, as the service's PAY_PERIOD says), each invoiced once final`,
  );
  for (const period of [first, second]) {
    await runPayRun(api, send, period);
    await invoicePeriod(api, send, period);
  }
  await payInvoice(api, send, first);
  await correctCao(send);
  await runPayRun(api, send, third);
  await invoicePeriod(api, send, third);

  await printPayPerWorker(api, periods);
  await claimSubsidy(api, send);
  return periods;
}

/** The minimum wage of the winter's days, and the CAO version with the wage increase (scale A registered wrong). */
async function publishFigures(send) {
  console.log('\nPayroll: the figures the winter’s days need');
  for (const period of minimumWagePeriods) {
    const answer = await send('rule periods', '/rules/minimum-wage', period, {
      idempotencyKey: `demo-rules-minimum-wage-${period.effectiveFrom}`,
      // A period published before (by the demo or an operator) stands: publishing it again would be a correction.
      already: ['correction_reason_required'],
    });
    const { effectiveFrom, effectiveUntil, values } = period;
    console.log(
      `  ${mark(answer)} minimum wage ${effectiveFrom}..${effectiveUntil}: ${euros(values.adultHourlyCents)} an hour at 21 (illustrative)${already(answer)}`,
    );
  }
  const { code, effectiveFrom: raisedFrom, content } = caoWageIncrease;
  const version = await send(
    'CAO versions',
    `/caos/${code}/versions`,
    { effectiveFrom: raisedFrom, content },
    {
      idempotencyKey: `demo-cao-${code}-version-${raisedFrom}`,
      already: ['cao_versions_overlap'],
    },
  );
  console.log(
    `  ${mark(version)} CAO ${code} version from ${raisedFrom}: scales B and C +3 %, scale A still at ${content.wageScales.A.map(formatCents).join('/')} (a mistake)${already(version)}`,
  );
}

/** Each week: every pattern's sheet registered and submitted by the pool, then each hirer approves its week. */
async function registerAndApproveHours(send) {
  console.log(
    `\nHours ${HOURS_WEEKS[0]}..${HOURS_WEEKS.at(-1)}: registered and submitted by the pool, approved by each hirer with its own key`,
  );
  for (const week of HOURS_WEEKS) {
    const outcomes = [];
    const afterwards = [];
    let hours = 0;
    for (const pattern of workPatterns) {
      const id = `${pattern.placementId}-${week}`;
      const lines = linesOf(pattern, week, pattern.weekdays);
      hours += hoursOfLines(lines);
      // A sheet submitted before refuses new hours (409 timesheet_not_draft): it is there already.
      const registered = await send(
        'timesheets',
        `/timesheets/${id}/hours`,
        { lines },
        { method: 'PUT', already: ['timesheet_not_draft'] },
      );
      const submitted = await send('timesheets', `/timesheets/${id}/submission`, undefined, {
        idempotencyKey: `demo-timesheet-${id}-submit`,
        already: ['timesheet_not_draft'],
      });
      outcomes.push(registered.outcome, submitted.outcome);
      if (pattern.placementId === rejectedSheet.placementId && week === rejectedSheet.week) {
        afterwards.push(...(await rejectAndCorrect(send, pattern, id)));
      }
    }
    const approvals = [];
    for (const employerId of [...new Set(workPatterns.map((p) => employerOf(p.placementId)))]) {
      const answer = await send(
        'approvals',
        '/timesheets/approvals',
        { employerId, week },
        {
          idempotencyKey: `demo-timesheets-${employerId}-${week}-approve`,
          employerId,
        },
      );
      outcomes.push(answer.outcome);
      approvals.push(`${employerId} (${answer.result?.accepted?.length ?? 0})`);
    }
    const fresh = outcomes.filter((outcome) => outcome === 'done').length;
    const state = fresh === outcomes.length ? '' : fresh === 0 ? ' (already there)' : ` (${fresh} of ${outcomes.length} steps new)`;
    console.log(
      `  ${fresh > 0 ? '+' : '='} ${week}: ${workPatterns.length} sheets, ${hours} h, approved by ${approvals.join(', ')}${state}`,
    );
    afterwards.forEach((line) => console.log(line));
  }
}

/** The hirer rejects the sheet with its reason; the pool corrects it, and the week's approval takes it in. Returns what to print. */
async function rejectAndCorrect(send, pattern, id) {
  const employerId = employerOf(pattern.placementId);
  const rejected = await send(
    'rejections',
    `/timesheets/${id}/rejection`,
    { reason: rejectedSheet.reason },
    {
      idempotencyKey: `demo-timesheet-${id}-reject`,
      employerId,
    },
  );
  const lines = linesOf(pattern, rejectedSheet.week, rejectedSheet.correctedWeekdays);
  const corrected = await send(
    'corrections',
    `/timesheets/${id}/corrections`,
    { lines, reason: rejectedSheet.correction },
    {
      idempotencyKey: `demo-timesheet-${id}-correct`,
    },
  );
  return [
    `    ${mark(rejected)} first rejected by ${employerId}: ${id}, “${rejectedSheet.reason}”${already(rejected)}`,
    `    ${mark(corrected)} then corrected by the pool (${rejectedSheet.correction}) and approved with the week${already(corrected)}`,
  ];
}

/** A period's pay run, calculated and finalized: finalizing locks the sheets it paid, and only a final run is invoiced. */
async function runPayRun(api, send, period) {
  await send('pay runs', '/pay-runs', { period }, { idempotencyKey: `demo-pay-run-${period}-start`, already: ['pay_run_exists'] });
  const finalized = await send('pay runs', `/pay-runs/${period}/finalization`, undefined, {
    idempotencyKey: `demo-pay-run-${period}-finalize`,
    already: ['pay_run_finalized'],
  });
  await api.waitFor();
  const run = await api.get(`/pay-runs/${period}`);
  console.log(
    `  ${mark(finalized)} ${period} (${run.period.from}..${run.period.to}): ${run.totals.workers} workers, gross ${euros(run.totals.grossCents)}; finalized, ${run.lockedTimesheets?.length ?? 0} timesheets locked${already(finalized)}`,
  );
}

async function correctCao(send) {
  const { code, effectiveFrom, content, correctedScaleA, reason } = caoWageIncrease;
  const corrected = { ...content, wageScales: { ...content.wageScales, A: correctedScaleA } };
  const answer = await send(
    'CAO corrections',
    `/caos/${code}/corrections`,
    { effectiveFrom, content: corrected, reason },
    {
      idempotencyKey: `demo-cao-${code}-correct-${effectiveFrom}`,
    },
  );
  const scale = (steps) => steps.map(formatCents).join('/');
  console.log(
    `  ${mark(answer)} CAO ${code} version from ${effectiveFrom} corrected after the runs: scale A ${scale(content.wageScales.A)} → ${scale(correctedScaleA)}${already(answer)}`,
  );
}

/** A short table per worker with hours: hours paid, the pool's top-up hours, gross, and the differences for earlier periods. */
async function printPayPerWorker(api, periods) {
  console.log('\nPay per worker (GET /pay-runs/:id/workers/:workerId; gross = wage + surcharges + holiday allowance)');
  const shown = [...new Set(workPatterns.map((p) => placements.find((pl) => pl.placementId === p.placementId).workerId))];
  let differenceReason;
  for (const workerId of shown) {
    const worker = workers.find((w) => w.workerId === workerId);
    console.log(`  ${worker.name} (${workerId}, born ${worker.birthDate})`);
    console.log(`    ${'period'.padEnd(9)} ${'hours'.padStart(7)} ${'top-up'.padStart(7)} ${'gross'.padStart(10)}  differences`);
    for (const period of periods) {
      const answer = await api.request('GET', `/pay-runs/${period}/workers/${workerId}`);
      if (answer.status === 404) {
        console.log(`    ${period.padEnd(9)} nothing to pay`);
        continue;
      }
      const { totals, differences } = answer.body;
      const extra = differences.reduce(
        (sum, d) => sum + d.difference.wage.cents + d.difference.surcharge.cents + d.difference.holidayAllowance.cents,
        0,
      );
      if (differences.length > 0) differenceReason ??= { reasons: differences[0].reasons, from: differences[0].day, period };
      const differenceText = differences.length === 0 ? '-' : `${extra >= 0 ? '+' : ''}${euros(extra)} over ${differences.length} days`;
      console.log(
        `    ${period.padEnd(9)} ${totals.hoursPaid.padStart(7)} ${totals.topUpHours.padStart(7)} ${euros(totals.gross.cents).padStart(10)}  ${differenceText}`,
      );
    }
  }
  if (differenceReason) {
    console.log(
      `  Differences in ${differenceReason.period}: days from ${differenceReason.from} on, because ${differenceReason.reasons.join('; ')}`,
    );
  }
  const first = await api.get(`/pay-runs/${periods[0]}?limit=500`);
  const rest = first.workers.items.filter((w) => !shown.includes(w.workerId));
  const topUps = rest.reduce((sum, w) => sum + w.totals.grossCents, 0);
  console.log(
    `  The ${rest.length} other workers in ${periods[0]} had no hours: the pool tops up their guaranteed hours at the minimum wage (${euros(topUps)} gross)`,
  );
}
