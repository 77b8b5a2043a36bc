import type { PayComponents, PayTotals } from './pay-run.events.js';

export const NO_PAY: PayComponents = {
  wageCents: 0,
  surchargeCents: 0,
  holidayAllowanceCents: 0,
  pensionEmployeeCents: 0,
  pensionEmployerCents: 0,
};

const combine = (a: PayComponents, b: PayComponents, sign: 1 | -1): PayComponents => ({
  wageCents: a.wageCents + sign * b.wageCents,
  surchargeCents: a.surchargeCents + sign * b.surchargeCents,
  holidayAllowanceCents: a.holidayAllowanceCents + sign * b.holidayAllowanceCents,
  pensionEmployeeCents: a.pensionEmployeeCents + sign * b.pensionEmployeeCents,
  pensionEmployerCents: a.pensionEmployerCents + sign * b.pensionEmployerCents,
});

export const addPay = (a: PayComponents, b: PayComponents): PayComponents => combine(a, b, 1);
export const subtractPay = (a: PayComponents, b: PayComponents): PayComponents => combine(a, b, -1);
export const samePay = (a: PayComponents, b: PayComponents): boolean => Object.values(subtractPay(a, b)).every((d) => d === 0);

/** What the payroll engine starts from: wage, surcharge and holiday allowance (pension is withheld and paid on top). */
export const grossOf = ({ wageCents, surchargeCents, holidayAllowanceCents }: PayComponents): number =>
  wageCents + surchargeCents + holidayAllowanceCents;

export const NO_TOTALS: PayTotals = { ...NO_PAY, paidMinutes: 0, topUpMinutes: 0, leaveAccruedMinutes: 0, grossCents: 0 };

/** Totals of several workers (or runs): each figure summed. */
export function addTotals(a: PayTotals, b: PayTotals): PayTotals {
  // Each figure named rather than spread: a spread in this reduce over thousands of workers was a run's slowest step.
  const { wageCents, surchargeCents, holidayAllowanceCents, pensionEmployeeCents, pensionEmployerCents } = addPay(a, b);
  return {
    wageCents,
    surchargeCents,
    holidayAllowanceCents,
    pensionEmployeeCents,
    pensionEmployerCents,
    paidMinutes: a.paidMinutes + b.paidMinutes,
    topUpMinutes: a.topUpMinutes + b.topUpMinutes,
    leaveAccruedMinutes: a.leaveAccruedMinutes + b.leaveAccruedMinutes,
    grossCents: a.grossCents + b.grossCents,
  };
}
