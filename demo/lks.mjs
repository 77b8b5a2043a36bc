// The wage-cost subsidy (loonkostensubsidie, LKS) in the demo: the municipality's wage-value decision
// for a target-group worker, and the claim of a month whose pay runs are final, calculated from the
// hours they paid: per hour (minimum wage + holiday allowance) − wage value × (CAO wage + holiday
// allowance), at most 70 % of the first, plus the employer-charges allowance.
//
// Idempotent: a second decision from the same day answers 409 decision_exists, and a month
// calculated again records nothing unless a figure changed (then a correction, never an edit).

import { already, euros, formatCents, mark } from './format.mjs';
import { LKS_MONTH, wageValueDecision, workers } from './scenario.mjs';

const { workerId, decision } = wageValueDecision;
const workerName = () => workers.find((w) => w.workerId === workerId).name;
const percent = (bp) => `${bp / 100} %`;

/** Records the decision, then calculates the month's claims of its municipality. */
export async function claimSubsidy(api, send) {
  console.log('\nWage-cost subsidy (LKS): the municipality’s decision, and the claim of a month the finalized runs paid');
  const recorded = await send('wage-value decisions', `/workers/${workerId}/wage-value-decisions`, decision, {
    idempotencyKey: `demo-lks-${workerId}-decision-${decision.from}`,
    already: ['decision_exists'],
  });
  console.log(
    `  ${mark(recorded)} ${workerName()} (${workerId}): ${decision.municipality} decides a wage value of ${percent(decision.wageValueBp)} from ${decision.from}, reassessment on ${decision.reassessOn} (${decision.reference})${already(recorded)}`,
  );
  const calculated = await send(
    'LKS claims',
    '/lks-claims',
    { month: LKS_MONTH, municipality: decision.municipality },
    { idempotencyKey: `demo-lks-claims-${LKS_MONTH}-${decision.municipality}-calculate` },
  );
  const claims = calculated.result.claims.map((c) => `${c.claimId} ${euros(c.totalCents)}`).join('; ');
  console.log(
    `  ${mark(calculated)} claims of ${LKS_MONTH} for ${decision.municipality} calculated: ${claims || 'none changed'}${already(calculated)}`,
  );
  await api.waitFor();
}

/** The worker's standing claim of the month, line by line: the figures of each stretch of days, the cap and the allowance. */
export async function printLksClaim(api) {
  const month = await api.get(`/lks-claims?month=${LKS_MONTH}&municipality=${decision.municipality}&purpose=pool_operations`);
  const standing = month.municipalities.flatMap((m) => m.claims).find((c) => c.workerId === workerId);
  if (!standing) {
    console.log(`\nNo LKS claim of ${LKS_MONTH} for ${workerId}  <-- NOT EXPECTED`);
    return;
  }
  const claim = await api.get(`/lks-claims/${standing.claimId}?purpose=pool_operations`);
  console.log(
    `\nLKS claim ${claim.claimId} (GET /lks-claims/:id): ${workerName()}, ${claim.municipality}, ${claim.month}, ${claim.status}`,
  );
  const corrects = claim.corrects ? `; corrects ${claim.corrects}` : '';
  // Each day counts as its latest finalized run paid it: the third run, with the CAO difference, for the days from 16 November.
  console.log(
    `  hours as the finalized runs paid them (each day its latest run): ${claim.payRunIds.join(', ')}; decision ${claim.decisionId}${corrects}`,
  );
  console.log(
    `  ${'days'.padEnd(22)} ${'hours'.padStart(6)}  ${'minimum'.padStart(7)}  ${'CAO wage'.padStart(8)}  wage value  ${'subsidy/h'.padStart(9)}  ${'subsidy'.padStart(9)}`,
  );
  for (const line of claim.lines) {
    const hours = formatCents(Math.round((line.minutes * 100) / 60));
    const capped = line.capped ? ' (capped at 70 %)' : '';
    console.log(
      `  ${`${line.from}..${line.to}`.padEnd(22)} ${hours.padStart(6)}  ${euros(line.minimumWageHourlyCents).padStart(7)}  ${euros(line.caoWageHourlyCents).padStart(8)}  ${percent(line.wageValueBp).padStart(10)}  ${euros(line.subsidyHourlyCents).padStart(9)}  ${euros(line.subsidyCents).padStart(9)}${capped}`,
    );
  }
  console.log(
    `  ${claim.hours} h: subsidy ${euros(claim.subsidyCents)} + employer-charges allowance ${euros(claim.employerChargesAllowanceCents)} = ${euros(claim.totalCents)}`,
  );
  console.log(
    `  per hour: (minimum + ${percent(claim.lines[0].statutoryHolidayAllowanceBp)}) − wage value × (CAO wage + ${percent(claim.lines[0].holidayAllowanceBp)}), at most 70 % of the first; ${claim.rounding}`,
  );
}
