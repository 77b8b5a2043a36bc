import type { PeriodDocumentTotals, PeriodWorkerLines } from '@banenpool/read-models';
import fc from 'fast-check';
import { financeOf, type FinanceInputs } from './finance-figures.js';
import type { SubsidyPart } from './subsidy-attribution.js';
import type { WageCost, WorkerWageCost } from './wage-cost.js';

const cost = (grossCents: number, pensionEmployerCents = 0, employerChargesCents = 0): WageCost => ({
  grossCents,
  pensionEmployerCents,
  employerChargesCents,
  totalCents: grossCents + pensionEmployerCents + employerChargesCents,
});
const document = (employerId: string, kind: 'invoice' | 'credit_note', netCents: number, paidCents = 0): PeriodDocumentTotals => {
  const vatCents = Math.round((netCents * 21) / 100);
  return {
    employerId,
    kind,
    documents: 1,
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
    paidCents,
    openCents: netCents + vatCents - paidCents,
  };
};

/**
 * Anna works at Visschedijk and is topped up by the pool; Sem works at De Waarbeek and has a
 * subsidy, part of it no paid hour places at a hirer. Visschedijk's invoice is paid, a credit
 * note takes 20.00 off it; De Waarbeek's is open.
 */
const inputs: FinanceInputs = {
  wageCosts: [
    { workerId: 'anna', employerId: 'visschedijk', cost: cost(6_000, 0, 1_053) },
    { workerId: 'anna', cost: cost(1_000, 0, 176) },
    { workerId: 'sem', employerId: 'waarbeek', cost: cost(3_000, 450, 527) },
  ],
  documents: [
    document('visschedijk', 'invoice', 10_000, 12_100),
    document('visschedijk', 'credit_note', -2_000),
    document('waarbeek', 'invoice', 5_000),
  ],
  workerLines: [
    { employerId: 'visschedijk', workerId: 'anna', kind: 'invoice', amountCents: 10_000 },
    { employerId: 'visschedijk', workerId: 'anna', kind: 'credit_note', amountCents: 2_000 },
    { employerId: 'waarbeek', workerId: 'sem', kind: 'invoice', amountCents: 5_000 },
  ],
  subsidies: [
    { workerId: 'sem', day: '2026-02-24', employerId: 'waarbeek', cents: 1_234 },
    { workerId: 'sem', day: '2026-02-27', employerId: 'waarbeek', cents: 1_235 },
    { workerId: 'sem', day: '2026-03-02', cents: 50 },
  ],
};

describe('the finance of a period: per hirer, per worker, for the pool', () => {
  const finance = financeOf(inputs);

  it('gives each hirer what was invoiced and credited, paid and open, its wage cost and subsidy, and the margin', () => {
    expect(finance.hirers).toEqual([
      {
        employerId: 'visschedijk',
        invoiced: { documents: 1, netCents: 10_000, vatCents: 2_100, totalCents: 12_100 },
        credited: { documents: 1, netCents: 2_000, vatCents: 420, totalCents: 2_420 },
        paidCents: 12_100,
        // The credit note's 24.20 is owed back to the hirer.
        openCents: -2_420,
        wageCost: cost(6_000, 0, 1_053),
        subsidyCents: 0,
        // 10 000 − 2 000 − 7 053 + 0
        marginCents: 947,
      },
      {
        employerId: 'waarbeek',
        invoiced: { documents: 1, netCents: 5_000, vatCents: 1_050, totalCents: 6_050 },
        credited: { documents: 0, netCents: 0, vatCents: 0, totalCents: 0 },
        paidCents: 0,
        openCents: 6_050,
        wageCost: cost(3_000, 450, 527),
        subsidyCents: 2_469,
        // 5 000 − 0 − 3 977 + 2 469
        marginCents: 3_492,
      },
    ]);
  });

  it('gives the pool every hirer’s figures plus its own: the top-ups it pays and subsidy placed at no hirer', () => {
    expect(finance.totals).toEqual({
      invoiced: { documents: 2, netCents: 15_000, vatCents: 3_150, totalCents: 18_150 },
      credited: { documents: 1, netCents: 2_000, vatCents: 420, totalCents: 2_420 },
      paidCents: 12_100,
      openCents: 3_630,
      wageCost: { grossCents: 10_000, pensionEmployerCents: 450, employerChargesCents: 1_756, totalCents: 12_206 },
      subsidyCents: 2_519,
      // 947 + 3 492 − 1 176 + 50
      marginCents: 3_313,
      poolOwn: { wageCost: cost(1_000, 0, 176), subsidyCents: 50 },
    });
  });

  it('gives each worker its wage cost (top-ups too), the net of its lines invoiced and credited, its subsidy and margin', () => {
    expect(finance.workers).toEqual([
      {
        workerId: 'anna',
        wageCost: { grossCents: 7_000, pensionEmployerCents: 0, employerChargesCents: 1_229, totalCents: 8_229 },
        invoicedNetCents: 10_000,
        creditedNetCents: 2_000,
        subsidyCents: 0,
        marginCents: -229,
      },
      {
        workerId: 'sem',
        wageCost: cost(3_000, 450, 527),
        invoicedNetCents: 5_000,
        creditedNetCents: 0,
        subsidyCents: 2_519,
        marginCents: 3_542,
      },
    ]);
  });

  it('for one hirer, counts only the hirer’s part of each worker and nothing of the pool’s own', () => {
    const one = financeOf({ ...inputs, employerId: 'waarbeek' });
    expect(one.hirers).toEqual([finance.hirers[1]]);
    expect(one.workers).toEqual([{ ...finance.workers[1], subsidyCents: 2_469, marginCents: 3_492 }]);
    expect(one.totals).toEqual({
      ...finance.hirers[1],
      employerId: undefined,
      poolOwn: { wageCost: cost(0), subsidyCents: 0 },
    });
  });

  it('lists a hirer with only a subsidy, or only a credit note, all the same', () => {
    const only = financeOf({
      wageCosts: [],
      documents: [document('hofstede', 'credit_note', -1_000)],
      workerLines: [],
      subsidies: [{ workerId: 'sem', day: '2026-02-24', employerId: 'waarbeek', cents: 10 }],
    });
    expect(only.hirers.map((h) => [h.employerId, h.marginCents])).toEqual([
      ['hofstede', -1_000],
      ['waarbeek', 10],
    ]);
  });
});

describe('the figures add up, in whole cents', () => {
  const id = fc.constantFrom('a', 'b', 'c');
  const cents = fc.integer({ min: -1_000_000, max: 10_000_000 });
  const wageCost: fc.Arbitrary<WorkerWageCost> = fc.record({
    workerId: id,
    employerId: fc.option(id, { nil: undefined }),
    cost: fc.tuple(cents, cents, cents).map(([gross, pension, charges]) => cost(gross, pension, charges)),
  });
  const documents: fc.Arbitrary<PeriodDocumentTotals> = fc
    .tuple(id, fc.constantFrom('invoice' as const, 'credit_note' as const), cents, cents)
    .map(([employerId, kind, net, paid]) => document(employerId, kind, kind === 'invoice' ? net : -net, paid));
  const workerLines: fc.Arbitrary<PeriodWorkerLines> = fc.record({
    employerId: id,
    workerId: id,
    kind: fc.constantFrom('invoice' as const, 'credit_note' as const),
    amountCents: cents,
  });
  const subsidy: fc.Arbitrary<SubsidyPart> = fc.record({
    workerId: id,
    day: fc.constant('2026-03-01'),
    employerId: fc.option(id, { nil: undefined }),
    cents: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it('makes the pool’s margin its hirers’ margins less its own top-ups plus its own subsidy, and every worker’s figures add up to the pool’s', () => {
    fc.assert(
      fc.property(fc.array(wageCost), fc.array(documents), fc.array(workerLines), fc.array(subsidy), (w, d, l, s) => {
        const { hirers, workers, totals } = financeOf({ wageCosts: w, documents: d, workerLines: l, subsidies: s });
        const sum = <T>(rows: readonly T[], figure: (row: T) => number) => rows.reduce((total, row) => total + figure(row), 0);
        expect(totals.marginCents).toBe(
          sum(hirers, (h) => h.marginCents) - totals.poolOwn.wageCost.totalCents + totals.poolOwn.subsidyCents,
        );
        expect(totals.openCents).toBe(totals.invoiced.totalCents - totals.credited.totalCents - totals.paidCents);
        expect(sum(workers, (w) => w.wageCost.totalCents)).toBe(totals.wageCost.totalCents);
        expect(sum(workers, (w) => w.subsidyCents)).toBe(totals.subsidyCents);
        for (const row of [...hirers, totals]) {
          for (const figure of [row.marginCents, row.openCents, row.wageCost.totalCents, row.invoiced.netCents, row.subsidyCents]) {
            expect(Number.isSafeInteger(figure)).toBe(true);
          }
        }
      }),
    );
  });
});
