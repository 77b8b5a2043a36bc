// Formatting for the demo's output. Money stays in whole cents until it is printed.

/** 1545 → "15.45" (exact: integer arithmetic, no floating point). */
export function formatCents(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1545 → "€15.45"; -1545 → "-€15.45". */
export const euros = (cents) => (cents < 0 ? `-€${formatCents(-cents)}` : `€${formatCents(cents)}`);

/** A command's answer as the first character of its line: + appended now, = there already. */
export const mark = (answer) => (answer.outcome === 'done' ? '+' : '=');

/** What ends the line of a command that was there already. */
export const already = (answer) => (answer.outcome === 'done' ? '' : ' (already there)');

/** 18500 basis points → "1.85"; 2500 → "0.25" (for factors); percentages divide by 100 themselves. */
export const formatFactor = (bp) => String(bp / 10_000);

/** "attractiemedewerker" / "teamleider attracties" → a piece of an Idempotency-Key. */
export const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The CAO part of a day's wage: version, scale, step and the CAO's own youth percentage. */
export function formatCaoWage(cao) {
  const youth = cao.youthBp < 10000 ? ` × youth ${cao.youthBp / 100} % = €${formatCents(cao.hourlyCents)}` : '';
  return `CAO ${cao.code} (version ${cao.effectiveFrom} rev ${cao.revision}) scale ${cao.scale} step ${cao.step}: €${formatCents(cao.scaleHourlyCents)}${youth}`;
}

/** A day's wage in one line: the wage, where it came from and the minimum (with its table row) it was held against. */
export function formatPay(wage) {
  const { minimumWage } = wage;
  const minimum = `minimum wage at ${wage.age} (table from ${minimumWage.rule.effectiveFrom} rev ${minimumWage.rule.revision}): €${formatCents(minimumWage.hourlyCents)}`;
  const basis = wage.basis === 'minimum_wage' ? 'lifted to the minimum wage' : 'CAO wage';
  return `€${formatCents(wage.hourlyCents)}/h on ${wage.day} (${basis}; ${formatCaoWage(wage.cao)}; ${minimum})`;
}

/** The first day's pay a confirmation recorded: the wage, or the CAO wage while that day's minimum wage is not published. */
export function formatFirstDayPay(firstDayPay) {
  if (firstDayPay.known) return formatPay(firstDayPay.wage);
  return `${formatCaoWage(firstDayPay.cao)}; the minimum wage of the first day is not published yet`;
}
