import {
  applyBasisPoints,
  hourlyCostCents,
  shippedRuleBook,
  type DifferenceLine,
  type PayComponents,
  type RuleBook,
  type TopUpLine,
} from '@banenpool/domain';
import fc from 'fast-check';
import { amountsOf, paidLine, workerPay } from './finance.fixtures.js';
import { wageCostsOf } from './wage-cost.js';

const rules = shippedRuleBook(new Date('2026-01-01T00:00:00Z'));
const CHARGES_BP = 1755; // the shipped employer-charges row
const grossOf = (a: PayComponents) => a.wageCents + a.surchargeCents + a.holidayAllowanceCents;

const topUp = (amounts: PayComponents): TopUpLine => ({
  week: '2026-W06',
  from: '2026-02-02',
  to: '2026-02-08',
  contractId: 'c1',
  guaranteedMinutes: 960,
  paidMinutes: 720,
  minutes: 240,
  hourlyCents: 1471,
  minimumWage: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 },
  amounts,
  leaveAccruedMinutes: 18,
  rules: [],
});

const difference = (employerId: string | undefined, difference: PayComponents): DifferenceLine => ({
  periodId: '2026-P01',
  day: '2026-01-12',
  source: 'sheet',
  ...(employerId && { employerId }),
  paid: difference,
  due: difference,
  difference,
  paidMinutes: 0,
  dueMinutes: 0,
  leaveAccruedMinutesDifference: 0,
  reasons: [{ kind: 'cao_changed', caoCode: 'groen', effectiveFrom: '2025-07-01', revision: 1 }],
  dueLines: [],
});

describe('the wage cost of a worker’s pay: the pay lines’ amounts plus employer charges', () => {
  it('books each hirer’s lines at the hirer: gross, the employer’s pension as paid, and the charges row’s share of the gross, rounded once', () => {
    // Two lines at De Waarbeek whose charges, rounded line by line, would come to a cent less than on their sum.
    const lines = [
      paidLine({ employerId: 'waarbeek', day: '2026-02-03', minutes: 301, pensionEmployerBp: 1500 }),
      paidLine({ employerId: 'waarbeek', day: '2026-02-06', minutes: 301, pensionEmployerBp: 1500 }, 1),
      paidLine({ employerId: 'visschedijk', day: '2026-02-04', minutes: 240, hourlyCents: 1471 }),
    ];
    const [a, b, c] = lines.map((line) => line.amounts);
    const gross = grossOf(a) + grossOf(b);
    expect(applyBasisPoints(grossOf(a), CHARGES_BP) + applyBasisPoints(grossOf(b), CHARGES_BP)).toBe(
      applyBasisPoints(gross, CHARGES_BP) - 1,
    );
    expect(wageCostsOf(workerPay('sem', lines), rules)).toEqual([
      {
        workerId: 'sem',
        employerId: 'waarbeek',
        cost: {
          grossCents: gross,
          pensionEmployerCents: a.pensionEmployerCents + b.pensionEmployerCents,
          employerChargesCents: applyBasisPoints(gross, CHARGES_BP),
          totalCents: gross + a.pensionEmployerCents + b.pensionEmployerCents + applyBasisPoints(gross, CHARGES_BP),
        },
      },
      {
        workerId: 'sem',
        employerId: 'visschedijk',
        cost: {
          grossCents: grossOf(c),
          pensionEmployerCents: 0,
          employerChargesCents: applyBasisPoints(grossOf(c), CHARGES_BP),
          totalCents: grossOf(c) + applyBasisPoints(grossOf(c), CHARGES_BP),
        },
      },
    ]);
  });

  it('books top-ups on the pool’s own account and a difference at the hirer of its day (the pool’s without one), a negative one taking cost back', () => {
    const back = { wageCents: -1001, surchargeCents: 0, holidayAllowanceCents: -80, pensionEmployeeCents: 0, pensionEmployerCents: 0 };
    const more = amountsOf({ employerId: 'x', day: '2026-01-12', minutes: 60 });
    const pay = workerPay('anna', [], {
      topUps: [topUp(more)],
      differences: [difference('visschedijk', back), difference(undefined, more)],
    });
    const costs = wageCostsOf(pay, rules);
    expect(costs.map((c) => [c.employerId, c.cost.grossCents])).toEqual([
      [undefined, 2 * grossOf(more)],
      ['visschedijk', -1081],
    ]);
    // −1081 × 17.55 % = −189.7155: half up away from zero.
    expect(costs[1].cost).toEqual({ grossCents: -1081, pensionEmployerCents: 0, employerChargesCents: -190, totalCents: -1271 });
  });

  it('takes each day’s employer-charges row: a new row within the period charges the days from it at its own percentage', () => {
    const book: RuleBook = {
      ...rules,
      employerCharges: [
        ...rules.employerCharges,
        {
          table: 'employer-charges',
          effectiveFrom: '2026-02-05',
          revision: 0,
          values: { chargesBp: 2000 },
          source: { title: 'Illustrative' },
        },
      ],
    };
    const lines = [
      paidLine({ employerId: 'waarbeek', day: '2026-02-03', minutes: 300 }),
      paidLine({ employerId: 'waarbeek', day: '2026-02-06', minutes: 300 }, 1),
    ];
    const [before, after] = lines.map((line) => grossOf(line.amounts));
    const [cost] = wageCostsOf(workerPay('sem', lines), book);
    expect(cost.cost.employerChargesCents).toBe(applyBasisPoints(before, CHARGES_BP) + applyBasisPoints(after, 2000));
  });

  it('adds up to the pay’s own gross, and prices an hour within two cents of the cost price of cost-price.ts (which rounds the exact cost up once)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 4000 }),
        fc.integer({ min: 800, max: 1200 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.integer({ min: 0, max: 5000 }),
        (hourlyCents, holidayAllowanceBp, pensionEmployerBp, surchargeBp) => {
          const line = paidLine({
            employerId: 'h',
            day: '2026-02-03',
            minutes: 60,
            hourlyCents,
            holidayAllowanceBp,
            pensionEmployerBp,
            surchargeBp,
          });
          const [{ cost }] = wageCostsOf(workerPay('w', [line]), rules);
          expect(cost.grossCents).toBe(grossOf(line.amounts));
          expect(Number.isSafeInteger(cost.totalCents)).toBe(true);
          const costPrice = hourlyCostCents(line.amounts.wageCents + line.amounts.surchargeCents, {
            holidayAllowanceBp,
            pensionEmployerBp,
            employerChargesBp: CHARGES_BP,
            rules: [],
          });
          expect(Math.abs(cost.totalCents - costPrice)).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
