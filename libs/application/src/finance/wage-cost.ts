import {
  applyBasisPoints,
  employerChargesOn,
  type Cents,
  type LocalDate,
  type PayComponents,
  type RuleBook,
  type WorkerPay,
} from '@banenpool/domain';

/** What pay costs the pool, in integer cents. */
export interface WageCost {
  /** Wage + CAO surcharge + holiday allowance, as paid: the gross of the pay run's export (top-ups and differences included). */
  grossCents: Cents;
  /** The employer's share of the pension premium, as paid. */
  pensionEmployerCents: Cents;
  /** The `employer-charges` row's percentage of the gross (wage + holiday allowance, as the cost price takes it). */
  employerChargesCents: Cents;
  /** gross + pension + charges. */
  totalCents: Cents;
}

export const NO_WAGE_COST: WageCost = Object.freeze({ grossCents: 0, pensionEmployerCents: 0, employerChargesCents: 0, totalCents: 0 });

export const addWageCosts = (a: WageCost, b: WageCost): WageCost => ({
  grossCents: a.grossCents + b.grossCents,
  pensionEmployerCents: a.pensionEmployerCents + b.pensionEmployerCents,
  employerChargesCents: a.employerChargesCents + b.employerChargesCents,
  totalCents: a.totalCents + b.totalCents,
});

/** A worker's wage cost at one hirer, or (employerId undefined) on the pool's own account: the guaranteed-hours top-ups. */
export interface WorkerWageCost {
  workerId: string;
  employerId?: string;
  cost: WageCost;
}

/** One amount of pay: whose cost it is (the hirer; undefined for the pool), the day it is for, its components. */
interface CostPiece {
  employerId?: string;
  day: LocalDate;
  amounts: PayComponents;
}

/** The pieces as the export books them: lines at their hirer, top-ups at the pool, differences at the hirer of their day (the pool for a top-up week). */
const piecesOf = (pay: WorkerPay): CostPiece[] => [
  ...pay.lines.map((line) => ({ employerId: line.employerId, day: line.day, amounts: line.amounts })),
  ...pay.topUps.map((topUp) => ({ day: topUp.from, amounts: topUp.amounts })),
  ...pay.differences.map((difference) => ({ employerId: difference.employerId, day: difference.day, amounts: difference.difference })),
];

const grossOf = ({ wageCents, surchargeCents, holidayAllowanceCents }: PayComponents): Cents =>
  wageCents + surchargeCents + holidayAllowanceCents;

/**
 * What one worker's pay in a run costs at each hirer (and the pool): the pay's own amounts (wage,
 * surcharge, holiday allowance, the employer's pension: never computed again) plus the employer
 * charges, which pay lines do not hold. Those are the `employer-charges` row in force on each
 * piece's day, taken of its gross as the cost price takes them (cost-price.ts: of the gross wage
 * plus the holiday allowance), rounded half up once per hirer and row on the summed gross.
 */
export function wageCostsOf(pay: WorkerPay, rules: RuleBook): WorkerWageCost[] {
  const parts = new Map<string, { employerId?: string; chargesBp: number; grossCents: Cents; pensionEmployerCents: Cents }>();
  for (const { employerId, day, amounts } of piecesOf(pay)) {
    const row = employerChargesOn(rules, day);
    const key = JSON.stringify([employerId ?? null, row.effectiveFrom]);
    const part = parts.get(key) ?? { employerId, chargesBp: row.values.chargesBp, grossCents: 0, pensionEmployerCents: 0 };
    part.grossCents += grossOf(amounts);
    part.pensionEmployerCents += amounts.pensionEmployerCents;
    parts.set(key, part);
  }
  const byEmployer = new Map<string | undefined, WageCost>();
  for (const { employerId, chargesBp, grossCents, pensionEmployerCents } of parts.values()) {
    const employerChargesCents = applyBasisPoints(grossCents, chargesBp);
    const cost = {
      grossCents,
      pensionEmployerCents,
      employerChargesCents,
      totalCents: grossCents + pensionEmployerCents + employerChargesCents,
    };
    byEmployer.set(employerId, addWageCosts(byEmployer.get(employerId) ?? NO_WAGE_COST, cost));
  }
  return [...byEmployer].map(([employerId, cost]) => ({ workerId: pay.workerId, ...(employerId !== undefined && { employerId }), cost }));
}
