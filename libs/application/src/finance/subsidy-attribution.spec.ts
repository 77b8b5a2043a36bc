import { lksClaimOf, payPeriodOf, shippedRuleBook, type PayLine } from '@banenpool/domain';
import fc from 'fast-check';
import { paidLine, type LineSpec } from './finance.fixtures.js';
import { apportion, claimParts, monthsOf, partsWithin, type SubsidyPart } from './subsidy-attribution.js';

const rules = shippedRuleBook(new Date('2026-01-01T00:00:00Z'));
const P02 = payPeriodOf('2026-P02', 'four_weeks'); // 26 January to 22 February 2026
const P03 = payPeriodOf('2026-P03', 'four_weeks'); // 23 February to 22 March 2026
const sum = (parts: readonly SubsidyPart[]) => parts.reduce((total, part) => total + part.cents, 0);

/** A claim as the LKS slice calculates it from paid lines (wage value 60 %), with its worker. */
const claimOf = (paid: readonly PayLine[], wageValueBp = 6000) => ({ workerId: 'sem', ...lksClaimOf(paid, wageValueBp, rules) });
const lines = (specs: LineSpec[]) => specs.map((spec, i) => paidLine(spec, i));

describe('apportion: a total in whole cents over weights, adding up exactly', () => {
  it('rounds the cumulative shares half up, so the parts add up to the total', () => {
    expect(apportion(100, [1, 1, 1])).toEqual([33, 34, 33]);
    expect(apportion(1001, [300, 300])).toEqual([501, 500]);
    expect(apportion(7, [0, 0])).toEqual([7, 0]);
    expect(apportion(0, [5, 3])).toEqual([0, 0]);
  });

  it('gives every part within a cent of its exact share, and the total whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = apportion(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const weight = weights.reduce((a, b) => a + b, 0);
          if (weight === 0) return;
          parts.forEach((part, i) => {
            expect(Number.isSafeInteger(part)).toBe(true);
            expect(Math.abs(part * weight - total * weights[i])).toBeLessThanOrEqual(weight);
          });
        },
      ),
    );
  });
});

describe('the claim months a pay period touches', () => {
  it('names each calendar month with a day of the period', () => {
    expect(monthsOf(P03)).toEqual(['2026-02', '2026-03']);
    expect(monthsOf(payPeriodOf('2026-03', 'month'))).toEqual(['2026-03']);
    // 2026-P13 takes ISO week 53: 30 November 2026 to 3 January 2027.
    expect(monthsOf(payPeriodOf('2026-P13', 'four_weeks'))).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('a month’s claim spread over the days and hirers of the hours it counts', () => {
  // Sem at De Waarbeek: two days in 2026-P02 and two in 2026-P03, five hours each; one claim line from 3 to 27 February.
  const february = lines([
    { employerId: 'waarbeek', day: '2026-02-03', minutes: 300 },
    { employerId: 'waarbeek', day: '2026-02-06', minutes: 300 },
    { employerId: 'waarbeek', day: '2026-02-24', minutes: 300 },
    { employerId: 'waarbeek', day: '2026-02-27', minutes: 300 },
  ]);

  it('gives a four-week period the part of a claim line for its own days, by the minutes paid on them', () => {
    const claim = claimOf(february);
    expect(claim.lines).toEqual([expect.objectContaining({ from: '2026-02-03', to: '2026-02-27', minutes: 1200 })]);
    const parts = claimParts(claim, february);
    expect(parts.map((p) => [p.day, p.employerId])).toEqual(february.map((l) => [l.day, 'waarbeek']));
    expect(sum(parts)).toBe(claim.totalCents);
    const inP03 = sum(partsWithin(parts, P03));
    // Half the minutes fall in 2026-P03: half the claim, to within the cent the cumulative rounding moves.
    expect(Math.abs(2 * inP03 - claim.totalCents)).toBeLessThanOrEqual(1);
    expect(sum(partsWithin(parts, P02)) + inP03).toBe(claim.totalCents);
  });

  it('splits a line two hirers share (the same hourly figures) by the minutes paid at each', () => {
    const paid = lines([
      { employerId: 'waarbeek', day: '2026-02-03', minutes: 300 },
      { employerId: 'hofstede', day: '2026-02-03', minutes: 100 },
      { employerId: 'hofstede', day: '2026-02-10', minutes: 200 },
    ]);
    const claim = claimOf(paid);
    expect(claim.lines).toHaveLength(1);
    const parts = claimParts(claim, paid);
    expect(parts.map((p) => [p.day, p.employerId])).toEqual([
      ['2026-02-03', 'hofstede'],
      ['2026-02-03', 'waarbeek'],
      ['2026-02-10', 'hofstede'],
    ]);
    // 300 minutes at each: half the claim each, to within the cents the rounding moves.
    const at = (employerId: string) => sum(parts.filter((p) => p.employerId === employerId));
    expect(at('waarbeek') + at('hofstede')).toBe(claim.totalCents);
    expect(Math.abs(2 * at('waarbeek') - claim.totalCents)).toBeLessThanOrEqual(2);
  });

  it('keeps each line to the hours of its own hourly figures, when two hirers’ wages interleave over the month', () => {
    const paid = lines([
      { employerId: 'waarbeek', day: '2026-02-03', minutes: 300, hourlyCents: 1720 },
      { employerId: 'hofstede', day: '2026-02-04', minutes: 300, hourlyCents: 1550 },
      { employerId: 'waarbeek', day: '2026-02-24', minutes: 300, hourlyCents: 1720 },
      { employerId: 'hofstede', day: '2026-02-25', minutes: 300, hourlyCents: 1550 },
    ]);
    const claim = claimOf(paid);
    expect(claim.lines).toHaveLength(2);
    const parts = claimParts({ ...claim, employerChargesAllowanceCents: 0 }, paid);
    const at = (employerId: string) => sum(parts.filter((p) => p.employerId === employerId));
    const lineOf = (hourlyCents: number) => claim.lines.find((l) => l.caoWageHourlyCents === hourlyCents)!.subsidyCents;
    expect(at('waarbeek')).toBe(lineOf(1720));
    expect(at('hofstede')).toBe(lineOf(1550));
  });

  it('puts a line whose hours the pay runs no longer show on its first day, for no hirer', () => {
    const claim = claimOf(february);
    // A later correction paid those days at another wage: no paid line has the claim line's figures any more.
    const repaid = february.map((line) => ({ ...line, wage: { ...line.wage, hourlyCents: 1800 } }));
    expect(claimParts(claim, repaid)).toEqual([{ workerId: 'sem', day: '2026-02-03', cents: claim.totalCents }]);
  });

  it('spreads any claim to the cent: the parts add up to its total, and two periods’ parts to the parts of both', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    const spec = fc.record({
      employerId: fc.constantFrom('waarbeek', 'hofstede'),
      day,
      minutes: fc.integer({ min: 15, max: 600 }),
      hourlyCents: fc.constantFrom(1471, 1720, 1810),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1000, max: 9000 }), (specs, wageValueBp) => {
        const paid = lines(specs);
        const claim = claimOf(paid, wageValueBp);
        const parts = claimParts(claim, paid);
        expect(sum(parts)).toBe(claim.totalCents);
        expect(parts.every((p) => Number.isSafeInteger(p.cents) && p.cents >= 0 && p.employerId !== undefined)).toBe(true);
        expect(sum(partsWithin(parts, P02)) + sum(partsWithin(parts, P03))).toBe(claim.totalCents);
      }),
    );
  });
});
