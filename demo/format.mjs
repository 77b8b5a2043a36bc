// Formatting for the demo's output. Money stays in whole cents until it is printed.

/** 1545 → "15.45" (exact: integer arithmetic, no floating point). */
export function formatCents(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "attractiemedewerker" / "teamleider attracties" → a piece of an Idempotency-Key. */
export const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A placement's resolved pay in one line: the wage, where it came from and the minimum it was held against. */
export function formatPay(pay) {
  const { cao, minimumWage } = pay;
  const youth = cao.youthBp < 10000 ? ` × youth ${cao.youthBp / 100} % = €${formatCents(cao.hourlyCents)}` : '';
  const caoPart = `CAO ${cao.code} (version ${cao.versionFrom} rev ${cao.revision}) scale ${cao.scale} step ${cao.step}: €${formatCents(cao.scaleHourlyCents)}${youth}`;
  const minimum = `minimum wage at ${minimumWage.age}: €${formatCents(minimumWage.hourlyCents)}`;
  const basis = pay.wageBasis === 'minimum_wage' ? 'lifted to the minimum wage' : 'CAO wage';
  return `€${formatCents(pay.hourlyCents)}/h (${basis}; ${caoPart}; ${minimum})`;
}
